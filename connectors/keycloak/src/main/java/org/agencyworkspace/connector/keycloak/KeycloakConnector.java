package org.agencyworkspace.connector.keycloak;

import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for one Keycloak realm. Build it with {@link #builder()}.
 *
 * <p>The health probe asks for the realm's OpenID discovery document, which Keycloak only serves
 * when the server is up and the realm exists.
 */
public interface KeycloakConnector extends HealthProbe {

    /**
     * {@code GET /realms/{realm}/.well-known/openid-configuration}.
     *
     * @return the issuer and endpoints the realm announces
     * @throws org.agencyworkspace.connector.TransientConnectorException when Keycloak cannot be
     *     reached or answers 5xx
     * @throws org.agencyworkspace.connector.PermanentConnectorException when the realm does not
     *     exist (404) or the answer is not a discovery document
     */
    OidcDiscovery discover();

    /** Up when {@link #discover()} succeeds; the detail names the issuer. */
    @Override
    ProbeResult probe();

    static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link KeycloakConnector}; {@link #build()} checks them. */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI baseUrl;
        private String realm;

        private Builder() {
            super(Duration.ofSeconds(10));
        }

        /** Server root without {@code /auth}, e.g. {@code http://127.0.0.1:8180}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        public KeycloakConnector build() {
            requireHttpUrl(baseUrl, "baseUrl");
            requireText(realm, "realm");
            checkTimeouts();
            return new HttpKeycloakConnector(baseUrl, realm, connectTimeout(), requestTimeout());
        }
    }
}

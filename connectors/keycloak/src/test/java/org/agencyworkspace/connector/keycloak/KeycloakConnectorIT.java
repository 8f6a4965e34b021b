package org.agencyworkspace.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** Against the real Keycloak of deploy/local with the shipped agency realm. */
class KeycloakConnectorIT {

    private final URI baseUrl = URI.create(StackEnvironment.require("WORKSPACE_KEYCLOAK_URL"));
    private final String realm = StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM");

    @Test
    void discoversTheShippedRealm() {
        KeycloakConnector keycloak = KeycloakConnector.builder().baseUrl(baseUrl).realm(realm).build();

        OidcDiscovery discovery = keycloak.discover();
        ProbeResult probe = keycloak.probe();

        assertThat(discovery.issuer()).hasToString(baseUrl + "/realms/" + realm);
        assertThat(discovery.jwksUri()).hasToString(baseUrl + "/realms/" + realm
                + "/protocol/openid-connect/certs");
        assertThat(probe.up()).isTrue();
        assertThat(probe.latency()).isPositive();
    }

    @Test
    void aMissingRealmIsDownWithKeycloaksOwnReason() {
        ProbeResult probe = KeycloakConnector.builder().baseUrl(baseUrl).realm("no-such-realm")
                .build().probe();

        assertThat(probe.up()).isFalse();
        assertThat(probe.detail()).contains("HTTP 404").contains("Realm does not exist");
    }
}

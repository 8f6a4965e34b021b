package org.agencyworkspace.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeycloakConnectorTest {

    /** Shape recorded from Keycloak 26's discovery endpoint, trimmed to what is read. */
    private static final String DISCOVERY = """
            {"issuer":"http://127.0.0.1:8180/realms/agency",
             "authorization_endpoint":"http://127.0.0.1:8180/realms/agency/protocol/openid-connect/auth",
             "token_endpoint":"http://127.0.0.1:8180/realms/agency/protocol/openid-connect/token",
             "jwks_uri":"http://127.0.0.1:8180/realms/agency/protocol/openid-connect/certs",
             "grant_types_supported":["authorization_code","client_credentials"]}
            """;

    private final CannedHttpServer server = new CannedHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsTheRealmDiscoveryDocument() {
        server.on("/realms/agency/.well-known/openid-configuration", Answer.json(200, DISCOVERY));

        OidcDiscovery discovery = connector("agency").discover();

        assertThat(discovery.issuer()).hasToString("http://127.0.0.1:8180/realms/agency");
        assertThat(discovery.tokenEndpoint().getPath())
                .isEqualTo("/realms/agency/protocol/openid-connect/token");
    }

    @Test
    void probeIsUpWithTheIssuerAndDownForAMissingRealm() {
        server.on("/realms/agency/.well-known/openid-configuration", Answer.json(200, DISCOVERY));
        server.on("/realms/nope/.well-known/openid-configuration",
                Answer.json(404, "{\"error\":\"Realm does not exist\"}"));

        ProbeResult up = connector("agency").probe();
        ProbeResult down = connector("nope").probe();

        assertThat(up.up()).isTrue();
        assertThat(up.facts()).containsEntry("issuer", "http://127.0.0.1:8180/realms/agency");
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).contains("404").contains("Realm does not exist");
    }

    @Test
    void aDocumentWithoutIssuerIsRefused() {
        server.on("/realms/agency/.well-known/openid-configuration", Answer.json(200, "{}"));

        assertThatThrownBy(() -> connector("agency").discover())
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not an OpenID discovery document");
    }

    @Test
    void builderNamesTheMissingSetting() {
        assertThatThrownBy(() -> KeycloakConnector.builder().realm("a").build())
                .hasMessage("baseUrl required");
        assertThatThrownBy(() -> KeycloakConnector.builder().baseUrl(URI.create("http://x")).build())
                .hasMessage("realm required");
        assertThatThrownBy(() -> KeycloakConnector.builder().baseUrl(URI.create("relative/path"))
                .realm("a").build())
                .hasMessageContaining("must be an absolute http(s) URL");
    }

    private KeycloakConnector connector(String realm) {
        return KeycloakConnector.builder().baseUrl(server.baseUri()).realm(realm).build();
    }
}

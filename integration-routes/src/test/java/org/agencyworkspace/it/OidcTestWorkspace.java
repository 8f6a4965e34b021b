package org.agencyworkspace.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A workspace signing in through the real Keycloak of deploy/local with a confidential client of
 * its own, made for one test class on a free port (Keycloak must know the exact redirect address
 * before the application starts) and removed afterwards.
 */
final class OidcTestWorkspace {

    final String clientId;
    final String clientSecret = UUID.randomUUID().toString();
    final int port = freePort();
    final String base = "http://127.0.0.1:" + port;
    private final KeycloakTestAdmin keycloak;
    private String clientUuid;

    /** @param clientPrefix names the test's client, e.g. {@code workspace-it} */
    OidcTestWorkspace(KeycloakTestAdmin keycloak, String clientPrefix, String run) {
        this.keycloak = keycloak;
        this.clientId = clientPrefix + "-" + run;
    }

    /** Creates the client in Keycloak and points the workspace at it. */
    void register(DynamicPropertyRegistry registry, Path dataDir) {
        clientUuid = keycloak.createClient(clientId, clientSecret, base);
        registry.add("server.port", () -> port);
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.mode", () -> "oidc");
        registry.add("workspace.security.oidc.issuer-uri", keycloak::issuer);
        registry.add("workspace.security.oidc.client-id", () -> clientId);
        registry.add("workspace.security.oidc.client-secret", () -> clientSecret);
    }

    void removeClient() {
        if (clientUuid != null) {
            keycloak.deleteClient(clientUuid);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

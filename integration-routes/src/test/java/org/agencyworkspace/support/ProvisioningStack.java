package org.agencyworkspace.support;

import java.net.URI;
import java.nio.file.Path;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real Keycloak and Synapse of deploy/local as provisioning targets: the workspace settings
 * that turn them on, and admin clients tests use to look at (and disturb) the accounts.
 */
public final class ProvisioningStack {

    public static final String SERVER_NAME = StackEnvironment.require("WORKSPACE_MATRIX_SERVER_NAME");

    private ProvisioningStack() {
    }

    public static KeycloakAdmin keycloak() {
        return KeycloakAdmin.builder()
                .baseUrl(URI.create(StackEnvironment.require("WORKSPACE_KEYCLOAK_URL")))
                .realm(StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM"))
                .serviceAccount(StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_ID"),
                        StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_SECRET"))
                .build();
    }

    /** @param deviceId the admin's device, so each tool's login stays one device in Synapse */
    public static SynapseAdmin synapse(String deviceId) {
        return SynapseAdmin.builder()
                .homeserverUrl(URI.create(StackEnvironment.require("WORKSPACE_MATRIX_URL")))
                .login(StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_USER"),
                        StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_PASSWORD"))
                .deviceId(deviceId)
                .build();
    }

    /** A workspace with its data under {@code dataDir} that provisions to Keycloak and Synapse. */
    public static void register(DynamicPropertyRegistry registry, Path dataDir) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.retry.initial-delay", () -> "10ms");
        registry.add("workspace.connectors.keycloak.base-url",
                () -> StackEnvironment.require("WORKSPACE_KEYCLOAK_URL"));
        registry.add("workspace.connectors.keycloak.realm",
                () -> StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM"));
        registry.add("workspace.connectors.keycloak.service-account-client-id",
                () -> StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_ID"));
        registry.add("workspace.connectors.keycloak.service-account-client-secret",
                () -> StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_SECRET"));
        registry.add("workspace.connectors.matrix.homeserver-url",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_URL"));
        registry.add("workspace.connectors.matrix.server-name", () -> SERVER_NAME);
        registry.add("workspace.connectors.matrix.admin-user",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_USER"));
        registry.add("workspace.connectors.matrix.admin-password",
                () -> StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_PASSWORD"));
    }
}

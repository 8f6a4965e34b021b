package org.agencyworkspace.identity.provisioning;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.agencyworkspace.config.KeycloakProperties;
import org.agencyworkspace.config.MatrixProperties;
import org.agencyworkspace.config.NextcloudProperties;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.agencyworkspace.identity.IdentityProperties;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the apps identities are provisioned to: the workspace's own directory always; Keycloak
 * with a service account, Matrix with a server admin, Nextcloud when {@code provision-users} is
 * on. Each is built from the connector's typed properties.
 */
@Configuration(proxyBeanMethods = false)
public class ProvisioningConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Bean
    IdentityTargets identityTargets(LocalDirectoryTarget directory, KeycloakProperties keycloak,
            MatrixProperties matrix, NextcloudProperties nextcloud, IdentityProperties identity,
            JdbcClient jdbc, ObjectProvider<MatrixRoomMembership> matrixRooms) {
        List<IdentityTarget> targets = new ArrayList<>();
        targets.add(directory);
        if (keycloak.provisionsUsers()) {
            targets.add(new KeycloakTarget(KeycloakAdmin.builder()
                    .baseUrl(keycloak.baseUrl())
                    .realm(keycloak.realm())
                    .serviceAccount(keycloak.serviceAccountClientId(),
                            keycloak.serviceAccountClientSecret())
                    .connectTimeout(keycloak.connectTimeout())
                    .requestTimeout(keycloak.requestTimeout())
                    .build(), identity.roles(), identity.clearanceLevels()));
        }
        if (matrix.provisionsUsers()) {
            targets.add(new MatrixTarget(SynapseAdmin.builder()
                    .homeserverUrl(matrix.homeserverUrl())
                    .login(matrix.adminUser(), matrix.adminPassword())
                    .connectTimeout(matrix.connectTimeout())
                    .requestTimeout(matrix.requestTimeout())
                    .build(), matrix.serverName(),
                    matrixRooms.getIfAvailable(() -> (kind, person, userId) -> { })));
        }
        if (nextcloud.isConfigured() && nextcloud.provisionUsers()) {
            targets.add(new NextcloudTarget(NextcloudProvisioning.builder()
                    .serverUrl(serverRoot(nextcloud.davUrl()))
                    .credentials(nextcloud.username(), nextcloud.password())
                    .connectTimeout(nextcloud.connectTimeout())
                    .requestTimeout(nextcloud.requestTimeout())
                    .build(),
                    () -> new HashSet<>(jdbc.sql("SELECT code FROM department")
                            .query(String.class).list()),
                    nextcloud.username(), nextcloud.defaultQuota()));
        }
        IdentityTargets chosen = new IdentityTargets(targets);
        LOG.info("Identities are provisioned to: {}", String.join(", ", chosen.names()));
        return chosen;
    }

    /** {@code https://cloud.example/remote.php/dav} → {@code https://cloud.example}. */
    static URI serverRoot(URI davUrl) {
        String dav = davUrl.toString().replaceAll("/+$", "");
        return URI.create(dav.endsWith("/remote.php/dav")
                ? dav.substring(0, dav.length() - "/remote.php/dav".length()) : dav);
    }
}

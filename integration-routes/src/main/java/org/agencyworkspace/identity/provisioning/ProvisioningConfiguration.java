package org.agencyworkspace.identity.provisioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.agencyworkspace.config.MatrixProperties;
import org.agencyworkspace.config.NextcloudProperties;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.agencyworkspace.directory.DepartmentTable;
import org.agencyworkspace.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the apps identities are provisioned to: the workspace's own directory always; Keycloak
 * with a service account, Matrix with a server admin, Nextcloud when {@code provision-users} is
 * on — each through the one client {@code ConnectorClients} built for it.
 */
@Configuration(proxyBeanMethods = false)
public class ProvisioningConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningConfiguration.class);

    @Bean
    IdentityTargets identityTargets(LocalDirectoryTarget directory,
            ObjectProvider<KeycloakAdmin> keycloak, ObjectProvider<SynapseAdmin> synapse,
            ObjectProvider<NextcloudProvisioning> nextcloud, MatrixProperties matrix,
            NextcloudProperties nextcloudProperties, IdentityProperties identity, JdbcClient jdbc,
            ObjectProvider<MatrixRoomMembership> matrixRooms) {
        List<IdentityTarget> targets = new ArrayList<>();
        targets.add(directory);
        keycloak.ifAvailable(admin -> targets.add(new KeycloakTarget(admin, identity.roles(),
                identity.clearanceLevels())));
        synapse.ifAvailable(admin -> targets.add(new MatrixTarget(admin, matrix.serverName(),
                matrixRooms.getIfAvailable(() -> (kind, person, userId) -> { }))));
        nextcloud.ifAvailable(provisioning -> targets.add(new NextcloudTarget(provisioning,
                () -> new HashSet<>(new DepartmentTable(jdbc).codes()),
                nextcloudProperties.username(), nextcloudProperties.defaultQuota())));
        IdentityTargets chosen = new IdentityTargets(targets);
        LOG.info("Identities are provisioned to: {}", String.join(", ", chosen.names()));
        return chosen;
    }
}

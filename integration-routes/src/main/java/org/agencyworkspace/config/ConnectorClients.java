package org.agencyworkspace.config;

import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.mail.SmtpMailSender;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.agencyworkspace.connector.syncope.SyncopeConnector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds each outside system's client once, from its typed properties, for everything that talks
 * to that system (health, provisioning, event sources, files, audit shipping and search). A
 * client whose address is not set is not built: what needs it is conditional on the same
 * setting, or asks for it through an {@code ObjectProvider}. Clients with connection pools are
 * closed by Spring when the application stops.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorClients {

    @Bean
    @ConditionalOnExpression("'${workspace.connectors.nextcloud.dav-url:}' != ''")
    NextcloudConnector nextcloudClient(NextcloudProperties properties) {
        return properties.connector();
    }

    @Bean
    @ConditionalOnExpression("'${workspace.connectors.nextcloud.dav-url:}' != ''"
            + " and ${workspace.connectors.nextcloud.provision-users:false}")
    NextcloudProvisioning nextcloudProvisioning(NextcloudProperties properties) {
        return properties.provisioning();
    }

    @Bean
    @ConditionalOnExpression("'${workspace.connectors.syncope.base-url:}' != ''")
    SyncopeConnector syncopeClient(SyncopeProperties properties) {
        return properties.connector();
    }

    @Bean
    @ConditionalOnExpression("'${workspace.connectors.elasticsearch.url:}' != ''")
    ElasticsearchConnector elasticsearchClient(ElasticsearchProperties properties) {
        ElasticsearchConnector.Builder builder = ElasticsearchConnector.builder()
                .url(properties.url())
                .indexPrefix(properties.indexPrefix())
                .connectTimeout(properties.connectTimeout())
                .requestTimeout(properties.requestTimeout());
        if (properties.username() != null && !properties.username().isEmpty()) {
            builder.credentials(properties.username(), properties.password());
        }
        return builder.build();
    }

    /** Keycloak's admin API, for provisioning and its event source: needs the service account. */
    @Bean
    @ConditionalOnExpression("'${workspace.connectors.keycloak.base-url:}' != ''"
            + " and '${workspace.connectors.keycloak.service-account-client-id:}' != ''")
    KeycloakAdmin keycloakAdmin(KeycloakProperties keycloak) {
        return KeycloakAdmin.builder()
                .baseUrl(keycloak.baseUrl())
                .realm(keycloak.realm())
                .serviceAccount(keycloak.serviceAccountClientId(),
                        keycloak.serviceAccountClientSecret())
                .connectTimeout(keycloak.connectTimeout())
                .requestTimeout(keycloak.requestTimeout())
                .build();
    }

    /** Synapse's admin API, for provisioning Matrix accounts: needs the admin user. */
    @Bean
    @ConditionalOnExpression("'${workspace.connectors.matrix.homeserver-url:}' != ''"
            + " and '${workspace.connectors.matrix.admin-user:}' != ''")
    SynapseAdmin synapseAdmin(MatrixProperties matrix) {
        return SynapseAdmin.builder()
                .homeserverUrl(matrix.homeserverUrl())
                .login(matrix.adminUser(), matrix.adminPassword())
                .connectTimeout(matrix.connectTimeout())
                .requestTimeout(matrix.requestTimeout())
                .build();
    }

    /**
     * The SMTP mail sender (also a {@code MailSender}), when {@code workspace.mail.host} is set.
     * Without it there is no sender at all, rather than one that drops mail: what sends mail asks
     * for it through an {@code ObjectProvider} and offers no mail channel when it is absent.
     */
    @Bean
    @ConditionalOnExpression("'${workspace.mail.host:}' != ''")
    SmtpMailSender mailSender(MailProperties mail) {
        return mail.sender();
    }
}

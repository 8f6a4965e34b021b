package org.agencyworkspace.config;

import org.agencyworkspace.connector.documents.LibreOfficeInstallation;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.keycloak.KeycloakConnector;
import org.agencyworkspace.connector.matrix.MatrixConnector;
import org.agencyworkspace.health.MonitoredConnector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds each connector from its typed properties. A connector whose address is not set is
 * registered as not configured, so health and the home page say so instead of failing.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorsConfiguration {

    @Bean
    MonitoredConnector keycloakConnector(KeycloakProperties properties) {
        String hint = "workspace.connectors.keycloak.base-url";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("keycloak", hint);
        }
        KeycloakConnector connector = KeycloakConnector.builder()
                .baseUrl(properties.baseUrl())
                .realm(properties.realm())
                .connectTimeout(properties.connectTimeout())
                .requestTimeout(properties.requestTimeout())
                .build();
        return MonitoredConnector.configured("keycloak", connector, hint);
    }

    @Bean
    MonitoredConnector matrixConnector(MatrixProperties properties) {
        String hint = "workspace.connectors.matrix.homeserver-url";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("matrix", hint);
        }
        MatrixConnector connector = MatrixConnector.builder()
                .homeserverUrl(properties.homeserverUrl())
                .connectTimeout(properties.connectTimeout())
                .requestTimeout(properties.requestTimeout())
                .build();
        return MonitoredConnector.configured("matrix", connector, hint);
    }

    @Bean(destroyMethod = "")
    MonitoredConnector elasticsearchConnector(ElasticsearchProperties properties,
            ConnectorResources resources) {
        String hint = "workspace.connectors.elasticsearch.url";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("elasticsearch", hint);
        }
        ElasticsearchConnector.Builder builder = ElasticsearchConnector.builder()
                .url(properties.url())
                .indexPrefix(properties.indexPrefix())
                .connectTimeout(properties.connectTimeout())
                .requestTimeout(properties.requestTimeout());
        if (properties.username() != null && !properties.username().isEmpty()) {
            builder.credentials(properties.username(), properties.password());
        }
        return MonitoredConnector.configured("elasticsearch", resources.closeOnShutdown(builder.build()),
                hint);
    }

    @Bean(destroyMethod = "")
    MonitoredConnector nextcloudConnector(NextcloudProperties properties,
            ConnectorResources resources) {
        String hint = "workspace.connectors.nextcloud.dav-url";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("nextcloud", hint);
        }
        return MonitoredConnector.configured("nextcloud",
                resources.closeOnShutdown(properties.connector()), hint);
    }

    @Bean
    MonitoredConnector libreofficeConnector(LibreOfficeProperties properties) {
        String hint = "workspace.connectors.libreoffice.office-home";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("libreoffice", hint);
        }
        return MonitoredConnector.configured("libreoffice",
                new LibreOfficeInstallation(properties.officeHome()), hint);
    }

    @Bean
    MonitoredConnector syncopeConnector(SyncopeProperties properties) {
        String hint = "workspace.connectors.syncope.base-url";
        if (!properties.isConfigured()) {
            return MonitoredConnector.notConfigured("syncope", hint);
        }
        return MonitoredConnector.configured("syncope", properties.connector(), hint);
    }

    @Bean
    ConnectorResources connectorResources() {
        return new ConnectorResources();
    }
}

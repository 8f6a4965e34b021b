package org.agencyworkspace.config;

import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.documents.LibreOfficeInstallation;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.keycloak.KeycloakConnector;
import org.agencyworkspace.connector.mail.SmtpMailSender;
import org.agencyworkspace.connector.matrix.MatrixConnector;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.syncope.SyncopeConnector;
import org.agencyworkspace.health.MonitoredConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health record of each connector: the clients {@link ConnectorClients} built, and the
 * health-only clients of Keycloak, Matrix and LibreOffice. A connector whose address is not set is
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

    @Bean
    MonitoredConnector elasticsearchConnector(ObjectProvider<ElasticsearchConnector> client) {
        return monitored("elasticsearch", client.getIfAvailable(),
                "workspace.connectors.elasticsearch.url");
    }

    @Bean
    MonitoredConnector nextcloudConnector(ObjectProvider<NextcloudConnector> client) {
        return monitored("nextcloud", client.getIfAvailable(),
                "workspace.connectors.nextcloud.dav-url");
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
    MonitoredConnector syncopeConnector(ObjectProvider<SyncopeConnector> client) {
        return monitored("syncope", client.getIfAvailable(), "workspace.connectors.syncope.base-url");
    }

    @Bean
    MonitoredConnector mailConnector(ObjectProvider<SmtpMailSender> client) {
        return monitored("mail", client.getIfAvailable(), "workspace.mail.host");
    }

    /** The health record of a client {@link ConnectorClients} built, or of its absence. */
    private static MonitoredConnector monitored(String name, HealthProbe client, String hint) {
        return client == null ? MonitoredConnector.notConfigured(name, hint)
                : MonitoredConnector.configured(name, client, hint);
    }
}

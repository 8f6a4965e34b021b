package org.agencyworkspace.security.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keycloak's login and admin events as an audit source, once the Keycloak connector has a
 * service account ({@code workspace.connectors.keycloak.service-account-client-id}); polled every
 * {@code workspace.security.keycloak-events.poll-interval} (default 5 s).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${workspace.connectors.keycloak.base-url:}' != ''"
        + " and '${workspace.connectors.keycloak.service-account-client-id:}' != ''"
        + " and ${workspace.security.keycloak-events.enabled:true}")
public class KeycloakEventsConfiguration {

    @Bean
    KeycloakEventSource keycloakEventSource(KeycloakAdmin keycloak, AuditTrail audit,
            AuditCursors cursors, JdbcClient jdbc, PlatformTransactionManager transactions,
            ObjectMapper json) {
        return new KeycloakEventSource(keycloak, audit, cursors, jdbc,
                new TransactionTemplate(transactions), json);
    }

    @Bean
    EndpointRouteBuilder keycloakEventRoutes(SecurityProperties security, KeycloakEventSource source) {
        long period = security.keycloakEvents().pollInterval().toMillis();
        return new EndpointRouteBuilder() {
            @Override
            public void configure() {
                // A failed poll is the next poll's work: the cursor moves only with what was stored.
                from(timer("keycloak-events").period(period).delay(0))
                        .routeId("keycloak-events")
                        .process(exchange -> exchange.getMessage().setBody(source.poll()));
            }
        };
    }
}

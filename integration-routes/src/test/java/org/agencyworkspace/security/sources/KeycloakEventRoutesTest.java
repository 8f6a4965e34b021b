package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakEvent;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The Keycloak events route as Camel runs it: the timer reaches the source's poll of both kinds
 * (an overloaded {@code poll} once bound the timer's empty body to the kind and failed).
 */
class KeycloakEventRoutesTest {

    @Test
    void theRoutePollsUserAndAdminEvents() throws Exception {
        List<KeycloakEvent.Kind> asked = new CopyOnWriteArrayList<>();
        KeycloakAdmin keycloak = (KeycloakAdmin) Proxy.newProxyInstance(
                KeycloakAdmin.class.getClassLoader(), new Class<?>[] {KeycloakAdmin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("events")) {
                        asked.add((KeycloakEvent.Kind) args[0]);
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        TestDatabase database = new TestDatabase();
        ObjectMapper json = new ObjectMapper();
        KeycloakEventSource source = new KeycloakEventSource(keycloak,
                new JdbcAuditTrail(database.jdbc(), json,
                        new DataSourceTransactionManager(database.dataSource())),
                new AuditCursors(database.jdbc()), database.jdbc(), database.transactions(), json);
        SecurityProperties security = Mockito.mock(SecurityProperties.class);
        Mockito.when(security.keycloakEvents()).thenReturn(
                new SecurityProperties.KeycloakEvents(true, Duration.ofMillis(50)));

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new KeycloakEventsConfiguration().keycloakEventRoutes(security, source));
            camel.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(asked).contains(KeycloakEvent.Kind.USER, KeycloakEvent.Kind.ADMIN));
            assertThat(camel.getRoute("keycloak-events")).isNotNull();
            assertThat(asked).doesNotContainNull();
        }
    }
}

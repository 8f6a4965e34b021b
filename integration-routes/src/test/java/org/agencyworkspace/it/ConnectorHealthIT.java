package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Health follows the real services: each connector reports UP while its service runs and DOWN
 * once it is stopped with {@code deploy/local/stack down}, then UP again after {@code up}; the
 * watch route audits the change and tells the administrators. Every service is restarted before
 * the test ends, so later tests find the stack as they expect.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorHealthIT {

    static final String METRICS_TOKEN = "metrics-" + java.util.UUID.randomUUID();

    static final ObjectMapper JSON = new ObjectMapper();
    static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
    static final Duration SERVICE_CHANGE = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    InboxMessages inbox;

    @DynamicPropertySource
    static void allConnectors(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        SCHEMA.register(registry);
        registry.add("workspace.security.metrics.bearer-token", () -> METRICS_TOKEN);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("workspace.connectors.keycloak.base-url", () -> StackEnvironment.require("WORKSPACE_KEYCLOAK_URL"));
        registry.add("workspace.connectors.keycloak.realm", () -> StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM"));
        registry.add("workspace.connectors.elasticsearch.url", () -> StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL"));
        registry.add("workspace.connectors.matrix.homeserver-url", () -> StackEnvironment.require("WORKSPACE_MATRIX_URL"));
        registry.add("workspace.connectors.nextcloud.dav-url", () -> StackEnvironment.require("WORKSPACE_WEBDAV_URL"));
        registry.add("workspace.connectors.nextcloud.username", () -> StackEnvironment.require("WORKSPACE_WEBDAV_USER"));
        registry.add("workspace.connectors.nextcloud.password", () -> StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"));
        registry.add("workspace.connectors.libreoffice.office-home", () -> StackEnvironment.require("WORKSPACE_OFFICE_HOME"));
        registry.add("workspace.connectors.status.cache-ttl", () -> "0s");
        registry.add("workspace.connectors.status.watch-interval", () -> "500ms");
        for (String connector : new String[] {"keycloak", "elasticsearch", "matrix", "nextcloud"}) {
            registry.add("workspace.connectors." + connector + ".connect-timeout", () -> "2s");
            registry.add("workspace.connectors." + connector + ".request-timeout", () -> "5s");
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropTestSchema() {
            return SCHEMA.dropWhenStopped();
        }
    }

    @Test
    void everyConnectorIsUpWhileItsServiceRuns() throws Exception {
        JsonNode connectors = get("/actuator/health/connectors");

        assertThat(connectors.get("status").asText()).isEqualTo("UP");
        for (String id : new String[] {"keycloak", "elasticsearch", "matrix", "nextcloud", "libreoffice"}) {
            assertThat(get("/actuator/health/connectors/" + id).get("status").asText()).as(id)
                    .isEqualTo("UP");
        }
        // The monitoring system's token reads details (sanitised addresses, versions), as an
        // administrator does; without it there are none (ActuatorAccessIT).
        assertThat(connectors.at("/components/keycloak/details").isMissingNode()).isFalse();
        assertThat(status("/actuator/health")).isEqualTo(200);
        assertThat(get("/actuator/health").at("/components/db/status").asText()).isEqualTo("UP");
    }

    @ParameterizedTest(name = "{1} follows {0}")
    @CsvSource({"synapse, matrix", "webdav, nextcloud", "elasticsearch, elasticsearch",
            "keycloak, keycloak"})
    void aStoppedServiceIsReportedDownThenUpAgain(String service, String connector) throws Exception {
        try {
            StackEnvironment.stack("down", service);
            awaitStatus(connector, "DOWN");
            assertThat(get("/actuator/health").at("/components/connectors/components/" + connector
                    + "/status").asText()).isEqualTo("DOWN");
            assertThat(status("/actuator/health")).isEqualTo(503);
            assertThat(status("/actuator/health/readiness")).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(audit.recent(new AuditQuery(null, "connector.down", connector, 5))).isNotEmpty();
                assertThat(inbox.forUser("bob", 100)).anySatisfy(message ->
                        assertThat(message.subject()).isEqualTo(connector + " 無法連線"));
            });
        } finally {
            StackEnvironment.stack("up", service);
        }
        awaitStatus(connector, "UP");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(audit.recent(new AuditQuery(null, "connector.up", connector, 5))).isNotEmpty());
    }

    @Test
    void theDatabaseIndicatorFollowsPostgresql() {
        try {
            StackEnvironment.stack("down", "postgres");
            Awaitility.await().atMost(SERVICE_CHANGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(get("/actuator/health").at("/components/db/status").asText()).isEqualTo("DOWN"));
        } finally {
            StackEnvironment.stack("up", "postgres");
        }
        Awaitility.await().atMost(SERVICE_CHANGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(get("/actuator/health").at("/components/db/status").asText()).isEqualTo("UP"));
    }

    private void awaitStatus(String connector, String status) {
        Awaitility.await().atMost(SERVICE_CHANGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("/actuator/health/connectors/" + connector).get("status").asText())
                        .isEqualTo(status));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(path).body());
    }

    private int status(String path) throws IOException, InterruptedException {
        return send(path).statusCode();
    }

    private HttpResponse<String> send(String path) throws IOException, InterruptedException {
        // Health details are for administrators and the monitoring system's token.
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, item 14: the API map, metrics and health details were public. Now only the bare
 * health status and the probes are; the rest needs an administrator or the metrics token. The
 * anonymous requests below all answered 200 with the content before the fix.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Tests leave metrics export off unless asked; the Prometheus endpoint is what is at stake here.
@AutoConfigureObservability
class ActuatorAccessIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.security.metrics.bearer-token", () -> METRICS_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void anonymousCallersGetTheBareHealthStatusAndTheProbesOnly() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"").doesNotContain("components");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info",
                "/actuator/health/db", "/actuator/health/connectors", "/actuator/loggers")) {
            HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).contains("metrics token").doesNotContain("jvm_");
        }
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html")) {
            HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
        assertThat(audit.recent(new AuditQuery("anonymous", "actuator.refused", null, 20)))
                .extracting(event -> event.target().id()).contains("/actuator/prometheus");
    }

    @Test
    void theMetricsTokenReadsMetricsAndHealthDetailsAndNothingElse() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus", METRICS_TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/health", METRICS_TOKEN).body()).contains("\"components\"");
        assertThat(get("/actuator/health/connectors", METRICS_TOKEN).statusCode())
                .as("health details are for the monitoring system too").isEqualTo(200);
        assertThat(get("/actuator/loggers", METRICS_TOKEN).statusCode()).isEqualTo(403);

        HttpResponse<String> wrong = get("/actuator/prometheus", METRICS_TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("wrong metrics token");
        assertThat(audit.recent(new AuditQuery(null, "actuator.refused", null, 50)))
                .extracting(AuditEvent::reason).contains("wrong metrics token");
    }

    @Test
    void administratorsReadTheApiMapAndMetricsOtherStaffDoNot() {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession bob = new BrowserSession("en");
        logins.signIn(bob, "bob");
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");

        assertThat(bob.get(uri("/v3/api-docs")).status()).isEqualTo(200);
        assertThat(bob.get(uri("/actuator/prometheus")).status()).isEqualTo(200);
        assertThat(bob.get(uri("/actuator/health")).body()).contains("\"components\"");
        assertThat(alice.get(uri("/v3/api-docs")).status()).isEqualTo(403);
        assertThat(alice.get(uri("/actuator/prometheus")).status()).isEqualTo(403);
        assertThat(alice.get(uri("/actuator/health")).body()).doesNotContain("components");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.agencyworkspace.platform.audit.shipping.ElasticHttp;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.security.detection.DetectionRulesFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Security monitoring end to end on the embedded workspace with the real Elasticsearch: wrong
 * passwords become audit events, a brute-force incident and a message; an administrator assigns,
 * acknowledges, closes and exports it over the API; the events are searchable in Elasticsearch.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityMonitoringIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final String PREFIX = "it-sec-" + UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void workspace(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.connectors.elasticsearch.url",
                () -> StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL"));
        registry.add("workspace.connectors.elasticsearch.index-prefix", () -> PREFIX);
        registry.add("workspace.audit.shipping.poll-interval", () -> "200ms");
        registry.add("workspace.security.detection.poll-interval", () -> "200ms");
        registry.add("workspace.messaging.poll-interval", () -> "200ms");
    }

    @AfterAll
    static void removeIndices() throws Exception {
        new ElasticHttp(StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL")).removePrefix(PREFIX);
    }

    @LocalServerPort
    int port;

    @Autowired
    InboxMessages inbox;

    @Test
    void failedLoginsBecomeAnIncidentThatAnAdministratorHandles() throws Exception {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession admin = new BrowserSession("en");
        logins.signIn(admin, "bob");
        BrowserSession attacker = new BrowserSession("en");
        for (int i = 0; i < 5; i++) {
            logins.passwordStep(attacker, "alice", "wrong-" + i);
        }

        JsonNode incident = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api(admin, "/api/admin/security/incidents?rule=brute-force-user"),
                list -> list.size() == 1).get(0);
        String id = incident.get("id").asText();
        assertThat(incident.get("entity").asText()).isEqualTo("user:alice");
        assertThat(incident.get("status").asText()).isEqualTo("OPEN");
        assertThat(incident.get("evidence")).hasSize(5);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(inbox.forUser("bob", 20)).anySatisfy(message -> {
                    assertThat(message.subject()).isEqualTo("資安事件（HIGH）：brute-force-user");
                    assertThat(message.body()).contains(id);
                }));

        String base = "/api/admin/security/incidents/" + id;
        assertThat(post(admin, base + "/assign", "{\"assignee\":\"erin\"}").statusCode()).isEqualTo(200);
        assertThat(post(admin, base + "/acknowledge", "{}").statusCode()).isEqualTo(200);
        HttpResponse<String> noReason = post(admin, base + "/close", "{\"resolution\":\" \"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("resolution is required");
        HttpResponse<String> closed = post(admin, base + "/close", "{\"resolution\":\"測試：密碼輸入錯誤\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        JsonNode done = JSON.readTree(closed.body());
        assertThat(done.get("status").asText()).isEqualTo("CLOSED");
        assertThat(done.get("assignee").asText()).isEqualTo("erin");
        assertThat(done.get("timeline")).hasSize(4);
        assertThat(post(admin, base + "/close", "{\"resolution\":\"again\"}").statusCode()).isEqualTo(409);

        Page csv = admin.get(uri("/api/admin/security/incidents/export?format=csv&status=CLOSED"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("id,rule,severity", id, "測試：密碼輸入錯誤");
        assertThat(admin.get(uri("/admin/security/incidents?status=CLOSED")).body()).contains("brute-force-user");
        assertThat(new BrowserSession("en").get(uri("/api/admin/security/incidents")).status())
                .isNotEqualTo(200);

        JsonNode found = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> api(admin, "/api/admin/audit/search?user=alice&action=login.failure"),
                answer -> answer.get("total").asInt() >= 5);
        assertThat(found.get("source").asText()).isEqualTo("elasticsearch");
        assertThat(found.get("events").get(0).get("userId").asText()).isEqualTo("alice");
        assertThat(admin.get(uri("/api/admin/audit/search?size=0")).status()).isEqualTo(400);
        Page auditPage = admin.get(uri("/admin/audit?user=alice&action=login.failure&label="));
        assertThat(auditPage.status()).isEqualTo(200);
        assertThat(auditPage.html().select("#audit-events tbody tr")).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(row -> assertThat(row.text()).contains("login.failure", "alice"));
        assertThat(admin.get(uri("/admin/audit?from=2026-11-27T10:00&to=2026-11-27T09:00")).html()
                .select("#audit-error").text()).isEqualTo("from must be before to");

        java.nio.file.Files.writeString(dataDir.resolve("detection-rules.yaml"), "rules: [{id: x, type: brute-force}]");
        HttpResponse<String> refused = post(admin, "/api/admin/security/detection/reload", "");
        assertThat(refused.statusCode()).isEqualTo(422);
        // The shipped rules stay in force.
        int shipped = DetectionRulesFile.parse(DetectionRulesFile.defaultText(), level -> true).rules().size();
        assertThat(refused.body()).contains("rule 1 (x)", "\"loaded\":false", "\"rules\":" + shipped);
        assertThat(api(admin, "/api/admin/security/detection").get("rules")).hasSize(shipped);
    }

    private JsonNode api(BrowserSession session, String path) throws Exception {
        Page page = session.get(uri(path));
        assertThat(page.status()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    private HttpResponse<String> post(BrowserSession session, String path, String json) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

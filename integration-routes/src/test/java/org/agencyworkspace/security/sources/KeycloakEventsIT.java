package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.platform.audit.AuditChainVerifier;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.security.detection.DetectionService;
import org.agencyworkspace.security.incidents.Incident;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real Keycloak of deploy/local: wrong passwords for a user of this test (through a
 * direct-grant client of this test) come in as login.failure audit events through the admin
 * events API with the connector's service account, and raise a brute-force incident and message.
 */
class KeycloakEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEVELS = List.of("unmarked", "secret", "confidential",
            "top-secret", "absolutely-secret");

    @TempDir
    java.nio.file.Path dataDir;

    private final String baseUrl = StackEnvironment.require("WORKSPACE_KEYCLOAK_URL");
    private final String realm = StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM");
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String login = "it-bf-" + suffix;
    private final String clientId = "it-events-" + suffix;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestDatabase database = new TestDatabase();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(database.jdbc(), JSON,
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(database.dataSource()));
    private final AuditCursors cursors = new AuditCursors(database.jdbc());
    private String adminToken;
    private String clientUuid;
    private String userUuid;

    @BeforeEach
    void testClientAndUser() throws Exception {
        adminToken = form(baseUrl + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_USER"),
                "password", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_PASSWORD")))
                .body().transform(this::json).get("access_token").asText();
        clientUuid = created(admin("POST", "/clients", Map.of("clientId", clientId, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false)));
        userUuid = created(admin("POST", "/users", Map.of("username", login, "enabled", true,
                "email", login + "@agency.test", "emailVerified", true, "firstName", "Brute", "lastName", "Force",
                "credentials", List.of(Map.of("type", "password", "value", "Right-Password-1", "temporary", false)))));
    }

    @AfterEach
    void removeThem() throws Exception {
        admin("DELETE", "/users/" + userUuid, null);
        admin("DELETE", "/clients/" + clientUuid, null);
    }

    @Test
    void failedLoginsBecomeAuditEventsAndABruteForceIncident() throws Exception {
        KeycloakEventSource source = new KeycloakEventSource(KeycloakAdmin.builder()
                .baseUrl(URI.create(baseUrl)).realm(realm)
                .serviceAccount(StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_ID"),
                        StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_SECRET"))
                .build(), trail, cursors, database.jdbc(), database.transactions(), JSON);
        // Start from now: the realm keeps 30 days of other tests' events.
        long start = System.currentTimeMillis() - 1000;
        cursors.set("keycloak-user-events", new AuditCursors.Cursor(start, null));
        cursors.set("keycloak-admin-events", new AuditCursors.Cursor(start, null));

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> refused = form(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token",
                    Map.of("grant_type", "password", "client_id", clientId, "username", login,
                            "password", "wrong-" + i));
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        admin("PUT", "/users/" + userUuid, Map.of("firstName", "Changed"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            source.poll();
            assertThat(trail.recent(new AuditQuery(login, "login.failure", null, 20))).hasSize(6);
            assertThat(trail.recent(new AuditQuery(null, "keycloak.admin.update", "users/" + userUuid, 5))).hasSize(1);
        });
        AuditEvent failure = trail.recent(new AuditQuery(login, "login.failure", null, 1)).get(0);
        assertThat(failure.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
        assertThat(failure.source().ip()).isEqualTo("127.0.0.1");
        // The realm's own brute-force protection locks the account after a few: later failures
        // carry its reason.
        assertThat(trail.recent(new AuditQuery(login, "login.failure", null, 20)))
                .extracting(AuditEvent::reason).contains("invalid_user_credentials")
                .allMatch(reason -> reason.equals("invalid_user_credentials")
                        || reason.equals("user_temporarily_disabled"));
        assertThat(failure.details()).containsEntry("clientId", clientId).containsEntry("source", "keycloak");
        assertThat(source.poll()).as("a second poll imports nothing again").isZero();

        List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
        IncidentStore incidents = new IncidentStore(database.jdbc(), Clock.systemUTC());
        DetectionService detection = new DetectionService(trail, cursors, incidents, message -> {
            sent.add(message);
            return "m";
        }, new RecordingEventPublisher(), trail, new AuditChainVerifier(database.jdbc()), database.transactions(), JSON,
                Clock.systemUTC(), dataDir.resolve("none.yaml"), LEVELS::contains, LEVELS::indexOf, user -> Optional.empty(), Recipient.group("security"));

        assertThat(detection.evaluateNew()).isEqualTo(1);
        assertThat(incidents.list(new IncidentStore.Filter(Incident.Status.OPEN, null, "brute-force-user", null, 5)))
                .singleElement().satisfies(incident -> {
                    assertThat(incident.entity()).isEqualTo("user:" + login);
                    assertThat(incident.evidence()).as("the five that reached the threshold").hasSize(5);
                });
        assertThat(sent).singleElement().satisfies(message ->
                assertThat(message.recipient()).isEqualTo(Recipient.group("security")));
    }

    private JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/admin/realms/" + realm + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response;
    }

    private static String created(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

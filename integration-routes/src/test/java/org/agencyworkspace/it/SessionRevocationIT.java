package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, item 12: a session does not keep the clearance and roles of its sign-in. Staff signed
 * in over real HTTP; their identity source (SCIM) then lowers a clearance or disables them, and
 * their very next request is refused and audited. Both tests failed before the fix: the session
 * went on reading with what it had at sign-in.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionRevocationIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final String TOKEN = "scim-" + UUID.randomUUID();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The change reaches the directory through provisioning; well within a second here. */
    static final Duration APPLIED = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.identity.scim.bearer-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void aLoweredClearanceEndsTheSessionAtItsNextApiCall() throws Exception {
        BrowserSession alice = signedIn("alice");
        String id = created(scim("POST", "/scim/v2/Users",
                user("alice", "general-affairs", "secret", "staff")));
        assertThat(alice.get(uri("/api/me")).body()).contains("\"clearance\":\"secret\"");

        scim("PUT", "/scim/v2/Users/" + id, user("alice", "general-affairs", "unmarked", "staff"));

        Awaitility.await().atMost(APPLIED).until(() -> alice.get(uri("/api/me")).status() == 401);
        Page after = alice.get(uri("/api/me"));
        assertThat(after.status()).as("the session is gone, not merely refused once").isEqualTo(401);
        assertThat(audit.recent(new AuditQuery("alice", "session.end", null, 5)))
                .extracting(AuditEvent::reason).contains("clearance lowered to unmarked");
        // Signing in again gives a session with what the person has now.
        BrowserSession again = new BrowserSession("en");
        logins().signIn(again, "alice");
        assertThat(again.get(uri("/api/me")).body()).contains("\"clearance\":\"unmarked\"");
    }

    @Test
    void aDisabledPersonsNextPageGoesToTheSignInPage() throws Exception {
        BrowserSession carol = signedIn("carol");
        String id = created(scim("POST", "/scim/v2/Users",
                user("carol", "security", "confidential", "staff", "security-officer")));
        assertThat(carol.get(uri("/")).uri().getPath()).isEqualTo("/");

        scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""");

        Awaitility.await().atMost(APPLIED).until(() ->
                carol.get(uri("/")).uri().getPath().equals("/login"));
        assertThat(carol.get(uri("/api/me")).status()).isEqualTo(401);
        assertThat(audit.recent(new AuditQuery("carol", "session.end", null, 5)))
                .extracting(AuditEvent::reason).contains("account disabled");
    }

    private static LocalLogins logins;

    private LocalLogins logins() {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
        return logins;
    }

    private BrowserSession signedIn(String login) {
        BrowserSession browser = new BrowserSession("en");
        assertThat(logins().signIn(browser, login).uri().getPath()).isEqualTo("/");
        return browser;
    }

    /** The person as the identity source has them; the first time, exactly as signed in. */
    private static String user(String login, String department, String clearance,
            String... roles) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s", "emails":[{"value":"%s@agency.test","primary":true}],
                 "active":true, "roles":[%s],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance":"%s","departments":["%s"]}}
                """.formatted(login, login, java.util.Arrays.stream(roles)
                        .map(role -> "{\"value\":\"" + role + "\"}")
                        .collect(java.util.stream.Collectors.joining(",")), clearance, department);
    }

    private static String created(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("id").asText();
    }

    private HttpResponse<String> scim(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The workspace's shared plumbing exercised end to end over HTTP, run once on each database:
 * the sample YAML route, YAML routes dropped into the folder while running (good and broken),
 * and a failed delivery that lands in the dead-letter store and is replayed by an operator.
 */
abstract class AbstractWorkspaceIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    InboxMessages inbox;

    @Autowired
    AuditTrail audit;

    @Autowired
    LocalAccounts accounts;

    @Autowired
    CamelContext camel;

    /** One application per test class; these follow it (each subclass has its own port). */
    private static int signedInPort;
    private static LocalLogins logins;
    private static BrowserSession operator;

    /** Folders under {@code base}: data, logs and a route folder holding the sample route. */
    static void workspaceFolders(DynamicPropertyRegistry registry, Path base) {
        Path routes = base.resolve("routes");
        try {
            Files.createDirectories(routes);
            Files.copy(StackEnvironment.repositoryRoot().resolve("routes/notice-board.yaml"),
                    routes.resolve("notice-board.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("workspace.data-dir", () -> base.resolve("data").toString());
        registry.add("workspace.log-dir", () -> base.resolve("logs").toString());
        registry.add("workspace.routes.folder", routes::toString);
        registry.add("workspace.routes.scan-interval", () -> "200ms");
        registry.add("workspace.messaging.poll-interval", () -> "200ms");
        registry.add("workspace.retry.initial-delay", () -> "10ms");
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
    }

    abstract Path baseFolder();

    @BeforeEach
    void operatorSignedIn() {
        if (signedInPort != port) {
            signedInPort = port;
            logins = new LocalLogins(uri("/"), PASSWORD, baseFolder().resolve("data"));
            operator = new BrowserSession("en");
            assertThat(logins.signIn(operator, "bob").uri().getPath()).isEqualTo("/");
        }
    }

    @Test
    void theSampleNoticeBoardRoutePublishesADroppedFileToAllStaff() throws IOException {
        Path notices = Files.createDirectories(baseFolder().resolve("data/notices"));
        Path draft = Files.writeString(baseFolder().resolve("週六停電.txt"),
                "本週六 9:00-12:00 停電，請先存檔。", StandardCharsets.UTF_8);
        Files.move(draft, notices.resolve("週六停電.txt"), StandardCopyOption.ATOMIC_MOVE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(inbox.forUser("alice", 50)).anySatisfy(item -> {
                    assertThat(item.subject()).isEqualTo("公告：週六停電");
                    assertThat(item.body()).isEqualTo("本週六 9:00-12:00 停電，請先存檔。");
                }));
        // A group message reaches every member in one transaction, so erin has it too by now.
        assertThat(inbox.forUser("erin", 50)).anyMatch(item -> item.subject().equals("公告：週六停電"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.exists(notices.resolve(".done/週六停電.txt")));
        assertThat(audit.recent(new AuditQuery("route:notice-board", "notice.publish", null, 5)))
                .singleElement().satisfies(event ->
                        assertThat(event.target().id()).isEqualTo("週六停電.txt"));
    }

    @Test
    void aRouteFileDroppedInIsPickedUpAndABrokenOneIsRejectedWhileOthersRun() throws IOException {
        Path routes = baseFolder().resolve("routes");
        Files.writeString(routes.resolve("greeter.yaml"), """
                - route:
                    id: greeter
                    from:
                      uri: direct:greeter
                      steps:
                        - setBody:
                            simple: "您好 ${body}"
                """);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(fileState("greeter.yaml")).isEqualTo("LOADED"));
        ProducerTemplate producer = camel.createProducerTemplate();
        assertThat(producer.requestBody("direct:greeter", "Alice", String.class)).isEqualTo("您好 Alice");

        Files.writeString(routes.resolve("broken.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - to: "fle:out"
                """);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(fileState("broken.yaml")).isEqualTo("REJECTED"));

        JsonNode broken = routeFile("broken.yaml");
        assertThat(broken.get("line").asInt()).isEqualTo(1);
        assertThat(broken.get("error").asText()).contains("fle://out");
        JsonNode overview = api("/api/admin/routes");
        assertThat(routeStatus(overview, "greeter")).isEqualTo("Started");
        assertThat(routeStatus(overview, "notice-board")).isEqualTo("Started");
        assertThat(routeStatus(overview, "notice-board-publish")).isEqualTo("Started");
        assertThat(routeStatus(overview, "message-delivery")).isEqualTo("Started");
        assertThat(routeStatus(overview, "broken")).isNull();
        assertThat(producer.requestBody("direct:greeter", "Bob", String.class)).isEqualTo("您好 Bob");

        Page routesPage = operator.get(uri("/admin/routes"));
        assertThat(routesPage.html().select("tr.state-rejected").text()).contains("broken.yaml", "fle");
    }

    @Test
    void aFailedDeliveryIsDeadLetteredAndReplayedByAnOperator() throws IOException {
        String newcomer = "newcomer" + System.nanoTime() % 100000;
        camel.createProducerTemplate().sendBodyAndHeaders("direct:workspace-notify",
                Map.of("title", "歡迎", "text", "報到須知"),
                Map.of("WorkspaceRecipient", "user:" + newcomer,
                        "WorkspaceTemplate", "notice.published"));

        JsonNode letter = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> findLetter(newcomer), found -> found != null);
        assertThat(letter.get("routeId").asText()).isEqualTo("message-delivery");
        assertThat(letter.get("replayEndpoint").asText()).isEqualTo("direct://deliver-message");
        assertThat(letter.get("exceptionMessage").asText()).contains("no staff member " + newcomer);
        String id = letter.get("id").asText();
        assertThat(operator.get(uri("/admin/dead-letters")).body()).contains(id);

        accounts.create(new LocalAccount(newcomer, "New Comer", "新進同仁", null, "{noop}x", null,
                null, "unmarked", List.of("staff"), List.of("it"), true, 0, null));
        HttpResponse<String> replay = apiPost("/api/admin/dead-letters/" + id + "/replay");

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).get("result").asText()).isEqualTo("REPLAYED");
        assertThat(inbox.forUser(newcomer, 10)).singleElement()
                .satisfies(item -> assertThat(item.subject()).isEqualTo("公告：歡迎"));
        assertThat(api("/api/admin/dead-letters/" + id).get("status").asText()).isEqualTo("REPLAYED");
        assertThat(apiPost("/api/admin/dead-letters/" + id + "/replay").statusCode()).isEqualTo(409);
        assertThat(audit.recent(new AuditQuery("bob", "dead-letter.replay", id, 5))).hasSize(1);
    }

    @Test
    void operatorPagesAreForAdministratorsOnly() {
        BrowserSession staff = new BrowserSession("en");
        logins.signIn(staff, "alice");

        assertThat(staff.get(uri("/api/admin/dead-letters")).status()).isEqualTo(403);
        assertThat(staff.get(uri("/admin/routes")).status()).isEqualTo(403);
        assertThat(staff.get(uri("/api/inbox")).status()).isEqualTo(200);
        assertThat(operator.get(uri("/api/admin/dead-letters")).status()).isEqualTo(200);
    }

    private JsonNode findLetter(String recipient) throws IOException {
        for (JsonNode letter : api("/api/admin/dead-letters?status=OPEN")) {
            if (letter.get("exceptionMessage").asText().contains(recipient)) {
                return letter;
            }
        }
        return null;
    }

    private String fileState(String file) throws IOException {
        JsonNode status = routeFile(file);
        return status == null ? null : status.get("state").asText();
    }

    private JsonNode routeFile(String file) throws IOException {
        for (JsonNode status : api("/api/admin/routes").get("files")) {
            if (status.get("file").asText().equals(file)) {
                return status;
            }
        }
        return null;
    }

    private static String routeStatus(JsonNode overview, String routeId) {
        for (JsonNode route : overview.get("routes")) {
            if (route.get("id").asText().equals(routeId)) {
                return route.get("status").asText();
            }
        }
        return null;
    }

    private JsonNode api(String path) throws IOException {
        Page page = operator.get(uri(path));
        assertThat(page.status()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    private HttpResponse<String> apiPost(String path) {
        return operator.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

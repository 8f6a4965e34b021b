package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.agencyworkspace.connector.push.VapidKeys;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.push.PushSubscriptions;
import org.agencyworkspace.security.AccessChanged;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.push.FakePushService;
import org.agencyworkspace.testsupport.push.PushBrowser;
import org.agencyworkspace.testsupport.push.VapidToken;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The installable app and Web Push in the embedded workspace, with a fake push service (no real
 * one can run here) that the workspace is allowed to post to: the manifest and icons reachable
 * without signing in and nothing else newly public; the worker's headers; the VAPID key made in
 * the data folder; a person subscribes a device over the API and gets a notice, encrypted for
 * that device with a valid VAPID token; refusals are clear and audited; nobody touches another
 * person's devices.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final FakePushService SERVICE = new FakePushService();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedWithAPushService(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.messaging.poll-interval", () -> "200ms");
        registry.add("workspace.push.services", SERVICE::origin);
        registry.add("workspace.push.subject", () -> "mailto:operator@agency.test");
    }

    @AfterAll
    static void stopService() {
        SERVICE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    Messenger messenger;
    @Autowired
    AuditTrail audit;
    @Autowired
    PushSubscriptions subscriptions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher springEvents;
    static LocalLogins logins;

    @Test
    void theAppShellIsPublicAndNothingElseOfPush() throws Exception {
        HttpResponse<String> manifest = anonymous("/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/manifest+json");
        JsonNode app = JSON.readTree(manifest.body());
        assertThat(app.get("name").asText()).contains("機關協作平台");
        assertThat(app.get("short_name").asText()).isEqualTo("協作平台");
        assertThat(app.get("short_name_localized").get("en").asText()).isEqualTo("Workspace");
        assertThat(app.get("icons").toString()).contains("192x192", "512x512", "maskable");
        for (JsonNode icon : app.get("icons")) {
            HttpResponse<String> image = anonymous(icon.get("src").asText());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        }
        // The worker and the offline page hold no data; the worker registers from the sign-in page.
        assertThat(anonymous("/sw.js").statusCode()).isEqualTo(200);
        assertThat(anonymous("/offline.html").body()).contains("目前沒有連線");
        for (String closed : new String[] {"/settings/push", "/api/push", "/api/push/subscriptions"}) {
            assertThat(anonymous(closed).statusCode()).as(closed).isIn(302, 401, 403);
        }
    }

    @Test
    void theWorkerComesFromTheRootAsJavaScriptNeverCachedAndEveryPageOffersTheApp() throws Exception {
        BrowserSession alice = signedIn("alice", "en");
        Page worker = alice.get(uri("/sw.js"));
        assertThat(worker.status()).isEqualTo(200);
        assertThat(BrowserSession.header(worker, "Content-Type")).startsWith("text/javascript");
        assertThat(BrowserSession.header(worker, "Service-Worker-Allowed")).isEqualTo("/");
        assertThat(BrowserSession.header(worker, "Cache-Control")).contains("no-cache");
        assertThat(worker.body()).contains("workspace-shell-v1");

        Page home = alice.get(uri("/"));
        assertThat(home.html().select("link[rel=manifest]").attr("href")).isEqualTo("/manifest.webmanifest");
        assertThat(home.html().select("meta[name=theme-color]").attr("content")).isEqualTo("#0b5cad");
        assertThat(home.html().select("script[src=/js/app.js]")).hasSize(1);
        // The policy lets the worker and manifest load from the workspace itself, and nothing else.
        assertThat(BrowserSession.header(home, "Content-Security-Policy")).contains("default-src 'self'")
                .doesNotContain("worker-src").doesNotContain("manifest-src");
        assertThat(alice.get(uri("/offline.html")).body()).contains("You are offline", "目前沒有連線");
    }

    @Test
    void theVapidKeyIsMadeInTheDataFolderForTheServiceOnlyAndOfferedToBrowsers() throws Exception {
        Path file = dataDir.resolve("push/vapid.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        BrowserSession bob = signedIn("bob", "zh-TW");
        JsonNode view = JSON.readTree(bob.get(uri("/api/push")).body());
        assertThat(view.get("enabled").asBoolean()).isTrue();
        assertThat(view.get("publicKey").asText()).isEqualTo(VapidKeys.loadOrCreate(file).publicKey());
        assertThat(view.get("categories").toString()).isEqualTo("[\"approvals\",\"reminders\",\"incidents\"]");

        Page page = bob.get(uri("/settings/push"));
        assertThat(page.html().select("#push-device").attr("data-key")).isEqualTo(view.get("publicKey").asText());
        assertThat(page.html().select("h1").text()).isEqualTo("推播通知");
        assertThat(page.html().select("input[name=category]")).hasSize(3);
    }

    @Test
    void aPersonSubscribesADeviceAndTheirNoticeArrivesEncryptedForItWithAValidToken() throws Exception {
        BrowserSession carol = signedIn("carol", "en");
        PushBrowser phone = PushBrowser.fresh();
        HttpResponse<String> subscribed = subscribe(carol, SERVICE.endpoint("carol-phone").toString(), phone);
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        assertThat(audit.recent(new AuditQuery("carol", "push.subscription.add", null, 5)))
                .anySatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));

        messenger.send(OutgoingMessage.of(Recipient.user("carol"), "approval.approved",
                Map.of("subject", "Taxi 2026-12-01", "id", "A-1", "by", "dave")));

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> SERVICE.received().stream().anyMatch(m -> m.device().equals("carol-phone")));
        FakePushService.Received received = SERVICE.received().stream()
                .filter(m -> m.device().equals("carol-phone")).findFirst().orElseThrow();
        JsonNode notice = JSON.readTree(new String(phone.decrypt(received.body()), StandardCharsets.UTF_8));
        assertThat(notice.get("title").asText()).contains("Taxi 2026-12-01");
        assertThat(notice.get("url").asText()).endsWith("/approvals");
        VapidToken token = VapidToken.verify(received.header("Authorization"));
        assertThat(token.audience()).isEqualTo(SERVICE.origin());
        assertThat(token.subject()).isEqualTo("mailto:operator@agency.test");
        assertThat(token.expires()).isBefore(Instant.now().plus(Duration.ofHours(24)));
        assertThat(JSON.readTree(carol.get(uri("/api/push")).body()).get("devices")).hasSize(1);
    }

    @Test
    void malformedOrForeignSubscriptionsAreRefusedAuditedAndNothingIsKept() throws Exception {
        BrowserSession erin = signedIn("erin", "en");
        PushBrowser phone = PushBrowser.fresh();

        assertThat(subscribe(erin, SERVICE.endpoint("x").toString(), PushBrowser.of(
                "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94", "BAAA", "BTBZMqHH6r4Tts7J_aSIgg")).statusCode())
                .isEqualTo(400);
        HttpResponse<String> inside = subscribe(erin, "https://10.0.0.5/push/x", phone);
        assertThat(inside.statusCode()).isEqualTo(422);
        assertThat(inside.body()).contains("not a push service this workspace sends to");
        assertThat(erin.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/push/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"categories\":[\"gossip\"]}"))).statusCode()).isEqualTo(400);

        assertThat(JSON.readTree(erin.get(uri("/api/push")).body()).get("devices")).isEmpty();
        assertThat(audit.recent(new AuditQuery("erin", null, null, 20)))
                .filteredOn(event -> event.action().startsWith("push.") && event.outcome() == AuditEvent.Outcome.FAILURE)
                .hasSize(3);
    }

    @Test
    void nobodyRemovesAnotherPersonsDeviceAndTheOwnerCan() throws Exception {
        BrowserSession alice = signedIn("alice", "en");
        BrowserSession bob = signedIn("bob", "en");
        PushBrowser phone = PushBrowser.fresh();
        String endpoint = SERVICE.endpoint("alice-phone").toString();
        assertThat(subscribe(alice, endpoint, phone).statusCode()).isEqualTo(201);

        assertThat(unsubscribe(bob, endpoint).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(alice.get(uri("/api/push")).body()).get("devices")).hasSize(1);

        assertThat(unsubscribe(alice, endpoint).statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(alice.get(uri("/api/push")).body()).get("devices")).isEmpty();
        assertThat(audit.recent(new AuditQuery("alice", "push.subscription.remove", null, 5))).isNotEmpty();
        assertThat(audit.recent(new AuditQuery("bob", "push.subscription.remove", null, 5)))
                .allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void signingOutDropsThatDevicesPushesAndADisabledAccountLosesEveryDevice() throws Exception {
        BrowserSession phoneSession = signedIn("dave", "en");
        BrowserSession laptopSession = signedIn("dave", "en");
        String phone = SERVICE.endpoint("dave-phone").toString();
        String laptop = SERVICE.endpoint("dave-laptop").toString();
        assertThat(subscribe(phoneSession, phone, PushBrowser.fresh()).statusCode()).isEqualTo(201);
        assertThat(subscribe(laptopSession, laptop, PushBrowser.fresh()).statusCode()).isEqualTo(201);

        phoneSession.submit(phoneSession.get(uri("/")), "form.logout", Map.of());

        assertThat(subscriptions.has("dave", URI.create(phone))).as("the phone signed out").isFalse();
        assertThat(subscriptions.has("dave", URI.create(laptop))).as("the laptop did not").isTrue();
        assertThat(audit.recent(new AuditQuery("dave", "push.subscription.remove", null, 5)))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("why", "signed out"));

        jdbc.sql("UPDATE local_account SET enabled = FALSE WHERE username = 'dave'").update();
        springEvents.publishEvent(new AccessChanged("dave"));

        assertThat(subscriptions.count("dave")).as("a disabled account keeps no device").isZero();
    }

    private HttpResponse<String> subscribe(BrowserSession session, String endpoint, PushBrowser browser) {
        String body = "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                + browser.p256dh() + "\",\"auth\":\"" + browser.auth() + "\"}}";
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/push/subscriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> unsubscribe(BrowserSession session, String endpoint) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/push/subscriptions"))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"endpoint\":\"" + endpoint + "\"}")));
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private BrowserSession signedIn(String login, String language) {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
        BrowserSession session = new BrowserSession(language);
        logins.signIn(session, login);
        return session;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

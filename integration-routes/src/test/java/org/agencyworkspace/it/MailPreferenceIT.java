package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
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
 * The embedded workspace with mail configured to GreenMail (a real SMTP server in this JVM): a
 * person chooses mail on the page, their messages arrive by mail, a notice about a labelled file
 * arrives as a pointer only; a choice not offered, or not signed in, is refused; each person can
 * only ever change their own choice.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MailPreferenceIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedWithMail(DynamicPropertyRegistry registry) {
        SMTP.start();
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        registry.add("workspace.messaging.poll-interval", () -> "200ms");
        registry.add("workspace.mail.host", () -> "127.0.0.1");
        registry.add("workspace.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("workspace.mail.security", () -> "none");
        registry.add("workspace.mail.from", () -> "workspace@agency.test");
        registry.add("workspace.element.homeserver-url", () -> "https://matrix.agency.test");
        registry.add("workspace.element.server-name", () -> "agency.test");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    Messenger messenger;
    @Autowired
    InboxMessages inbox;
    @Autowired
    AuditTrail audit;
    static LocalLogins logins;

    @Test
    void aPersonChoosesMailOnThePageAndTheirMessagesArriveByMailClassifiedOnesAsAPointer() throws Exception {
        BrowserSession alice = new BrowserSession("en");
        logins().signIn(alice, "alice");
        JsonNode before = JSON.readTree(alice.get(uri("/api/me/notifications")).body());
        assertThat(before.get("preference").asText()).isEqualTo("inbox");
        assertThat(before.get("offered").toString()).isEqualTo("[\"inbox\",\"mail\"]");
        assertThat(before.get("mailAddress").asText()).isEqualTo("alice@agency.test");

        Page page = alice.get(uri("/settings/notifications"));
        assertThat(page.html().select("input[name=preference]")).hasSize(2);
        Page saved = alice.submit(page, "#preference-form", Map.of("preference", "mail"));
        assertThat(saved.html().select("#saved")).hasSize(1);
        assertThat(saved.html().select("input[value=mail]").attr("checked")).isNotNull();
        assertThat(audit.recent(new AuditQuery("alice", "messaging.preference.change", null, 5)))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("preference", "mail"));

        messenger.send(OutgoingMessage.of(Recipient.user("alice"), "approval.approved",
                Map.of("subject", "計程車 2026-11-27", "id", "A-1", "by", "dave", "reason", "")));
        messenger.send(OutgoingMessage.of(Recipient.user("alice"), "file.label.decision-overdue",
                Map.of("file", "機密/國防採購評估.docx", "level", "機密", "deadline", "2026-01-04")));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length == 2);
        MimeMessage approved = find("計程車");
        assertThat(approved.getAllRecipients()[0].toString()).isEqualTo("alice@agency.test");
        MimeMessage pointer = find("工作平台有您的新訊息");
        assertThat((String) pointer.getContent()).contains("http://127.0.0.1:8080/inbox")
                .doesNotContain("國防採購評估").doesNotContain("機密");
        assertThat(inbox.forUser("alice", 20)).anyMatch(item -> item.subject().contains("國防採購評估"));
    }

    @Test
    void aChoiceNotOfferedOrUnknownIsRefusedAuditedAndChangesNothing() throws Exception {
        BrowserSession bob = new BrowserSession("en");
        logins().signIn(bob, "bob");
        for (String refused : new String[] {"chat", "carrier-pigeon", ""}) {
            HttpResponse<String> answer = put(bob, "{\"preference\":\"" + refused + "\"}");
            assertThat(answer.statusCode()).as(refused).isEqualTo(400);
        }
        assertThat(JSON.readTree(bob.get(uri("/api/me/notifications")).body()).get("preference").asText())
                .isEqualTo("inbox");
        assertThat(audit.recent(new AuditQuery("bob", "messaging.preference.change", null, 10)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE).hasSize(3);
    }

    @Test
    void eachPersonChangesOnlyTheirOwnChoiceAndNobodyWithoutSigningIn() throws Exception {
        BrowserSession carol = new BrowserSession("en");
        logins().signIn(carol, "carol");
        assertThat(put(carol, "{\"preference\":\"mail\"}").statusCode()).isEqualTo(200);
        BrowserSession erin = new BrowserSession("en");
        logins().signIn(erin, "erin");
        assertThat(JSON.readTree(erin.get(uri("/api/me/notifications")).body()).get("preference").asText())
                .isEqualTo("inbox");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri("/api/me/notifications")).header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"preference\":\"inbox\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(401, 403);
        assertThat(JSON.readTree(carol.get(uri("/api/me/notifications")).body()).get("preference").asText())
                .isEqualTo("mail");
    }

    @Test
    void elementsConfigIsForOperatorsOnly() throws Exception {
        BrowserSession bob = new BrowserSession("en");
        logins().signIn(bob, "bob");
        Page config = bob.get(uri("/api/admin/element-config"));
        assertThat(config.status()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).at("/default_server_config/m.homeserver/base_url").asText())
                .isEqualTo("https://matrix.agency.test");
        BrowserSession erin = new BrowserSession("en");
        logins().signIn(erin, "erin");
        assertThat(erin.get(uri("/api/admin/element-config")).status()).isEqualTo(403);
    }

    private static MimeMessage find(String subjectPart) throws Exception {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getSubject().contains(subjectPart)) {
                return message;
            }
        }
        throw new AssertionError("no mail with " + subjectPart);
    }

    private HttpResponse<String> put(BrowserSession session, String json) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/me/notifications"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private LocalLogins logins() {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
        return logins;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

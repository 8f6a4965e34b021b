package org.agencyworkspace.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.push.PushSubscription;
import org.agencyworkspace.connector.push.VapidKeys;
import org.agencyworkspace.connector.push.WebPushSender;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.push.PushProperties;
import org.agencyworkspace.push.PushSubscriptions;
import org.agencyworkspace.push.WebPushChannel;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.agencyworkspace.testsupport.push.FakePushService;
import org.agencyworkspace.testsupport.push.PushBrowser;
import org.agencyworkspace.testsupport.push.VapidToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Push as one more channel of the messaging seam, through the real sender to a fake push service
 * (no real one runs here) whose browser side decrypts each message and checks its VAPID token:
 * titles and links only, never a labelled file's name; each person's devices and categories;
 * once per device across retries; a device the push service forgot is forgotten here too.
 */
class PushDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final MessageOutbox outbox = new MessageOutbox(jdbc, JSON, clock);
    private final InboxMessages inbox = new InboxMessages(jdbc, clock);
    private final JdbcStaffDirectory directory = new JdbcStaffDirectory(jdbc);
    private final NotificationTemplates templates = new NotificationTemplates(TestNotifications.messageSource());
    private final Messenger messenger = new OutboxMessenger(outbox, templates);
    private final DeliveryPreferences preferences = new DeliveryPreferences(jdbc, clock,
            MailDeliveryTest.messaging(), false);
    private final PushSubscriptions subscriptions = new PushSubscriptions(jdbc, clock);
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final FakePushService service = new FakePushService();
    private final PushBrowser amyPhone = PushBrowser.fresh();
    private final PushBrowser amyLaptop = PushBrowser.fresh();
    private final PushBrowser benPhone = PushBrowser.fresh();
    private final VapidKeys keys = VapidKeys.generate();
    private MessageDelivery delivery;

    @BeforeEach
    void setUp() {
        LocalAccounts accounts = new LocalAccounts(jdbc, clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(account("amy", List.of("staff", "manager")));
        accounts.create(account("ben", List.of("staff", "manager")));
        accounts.create(account("cal", List.of("staff", "manager")));
        jdbc.sql("UPDATE local_account SET preferred_locale = 'en' WHERE username = 'ben'").update();
        subscribe("amy", "amy-phone", amyPhone);
        subscribe("amy", "amy-laptop", amyLaptop);
        subscribe("ben", "ben-phone", benPhone);
        PushProperties properties = new PushProperties(true, null, null, Duration.ofDays(1), Duration.ofHours(12),
                List.of(service.origin()), 10);
        WebPushSender sender = WebPushSender.builder().keys(keys).subject("https://workspace.agency.test")
                .clock(clock).connectTimeout(Duration.ofSeconds(2)).build();
        WebPushChannel push = new WebPushChannel(sender, subscriptions, properties, audit, JSON,
                TestWorkspaceProperties.withPublicUrl(URI.create("https://workspace.agency.test")));
        InboxDeliveryChannel inboxChannel = new InboxDeliveryChannel(inbox, directory);
        DeliveryChannels channels = new DeliveryChannels(inboxChannel, inboxChannel, inbox, null, push,
                preferences, directory, templates, "https://workspace.agency.test/inbox");
        delivery = new MessageDelivery(outbox, templates, directory, channels,
                TestWorkspaceProperties.withPublicUrl(URI.create("https://workspace.agency.test")));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void anApprovalRequestToAGroupReachesEveryDeviceOfItsMembersEncryptedWithAValidToken() throws Exception {
        String id = messenger.send(OutgoingMessage.of(Recipient.group("manager"), "approval.requested",
                Map.of("subject", "Taxi 2026-11-27", "id", "A-9", "requester", "cal", "kind", "expense",
                        "link", "https://workspace.agency.test/approvals")));

        delivery.deliver(id);

        List<FakePushService.Received> received = service.received();
        assertThat(received).extracting(FakePushService.Received::device)
                .containsExactlyInAnyOrder("amy-phone", "amy-laptop", "ben-phone");
        JsonNode notice = JSON.readTree(decrypt(received, "amy-phone", amyPhone));
        assertThat(notice.get("title").asText()).isEqualTo("待簽核：Taxi 2026-11-27");
        assertThat(notice.get("url").asText()).isEqualTo("https://workspace.agency.test/approvals");
        assertThat(notice.get("tag").asText()).isEqualTo("approvals");
        assertThat(fieldNames(notice)).containsExactly("title", "url", "tag");
        assertThat(JSON.readTree(decrypt(received, "amy-laptop", amyLaptop)).get("url").asText())
                .endsWith("/approvals");
        for (FakePushService.Received message : received) {
            VapidToken token = VapidToken.verify(message.header("Authorization"));
            assertThat(token.audience()).isEqualTo(service.origin());
            assertThat(token.subject()).isEqualTo("https://workspace.agency.test");
            assertThat(token.expires()).isAfter(clock.instant())
                    .isBeforeOrEqualTo(clock.instant().plus(Duration.ofHours(24)));
            assertThat(token.publicKey()).isEqualTo(keys.publicKey());
        }
        assertThatThrownBy(() -> PushBrowser.fresh().decrypt(received.get(0).body()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNoticeAboutAClassifiedFileIsPushedWithTheKindsTitleOnlyNeverItsSubject() throws Exception {
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "file.label.decision-overdue",
                Map.of("file", "專案/國防採購評估.docx", "level", "密", "deadline", "2026-01-04")));
        String meeting = messenger.send(OutgoingMessage.of(Recipient.user("ben"), "meeting.reminder-classified",
                Map.of("subject", "國防採購評選會議", "start", "10:00", "link", "https://workspace.agency.test/m/1",
                        "level", "密")));

        delivery.deliver(id);
        delivery.deliver(meeting);

        List<FakePushService.Received> received = service.received();
        String pushed = decrypt(received, "amy-phone", amyPhone) + decrypt(received, "amy-laptop", amyLaptop)
                + decrypt(received, "ben-phone", benPhone);
        for (String secret : List.of("國防採購", "專案/", "密", "2026-01-04", "評選")) {
            assertThat(pushed).doesNotContain(secret);
        }
        assertThat(JSON.readTree(decrypt(received, "amy-phone", amyPhone)).get("title").asText())
                .isEqualTo("工作平台提醒");
        assertThat(JSON.readTree(decrypt(received, "ben-phone", benPhone)).get("title").asText())
                .isEqualTo("A reminder from the workspace");
        assertThat(JSON.readTree(decrypt(received, "amy-phone", amyPhone)).get("url").asText())
                .isEqualTo("https://workspace.agency.test/inbox");
        // The notice itself waits in the inbox, behind the sign-in the link leads to.
        assertThat(inbox.forUser("amy", 10)).singleElement()
                .satisfies(item -> assertThat(item.subject()).contains("國防採購評估"));
    }

    @Test
    void onlyTheKindsAPersonWantsAndOnlyTemplatesThatNameAKindArePushed() {
        subscriptions.want("amy", EnumSet.of(PushCategory.INCIDENTS));

        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d"))));
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("ben"), "file.share-revoked",
                Map.of("file", "a.txt", "by", "d"))));
        assertThat(service.received()).isEmpty();

        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("ben"), "approval.approved",
                Map.of("subject", "s", "id", "2", "by", "d"))));
        assertThat(service.received()).extracting(FakePushService.Received::device).containsExactly("ben-phone");
    }

    @Test
    void aRetryAfterAnOutagePushesOnlyTheDevicesNotReachedAndNobodyTwice() {
        service.answer("amy-phone", 503);
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d")));

        assertThatThrownBy(() -> delivery.deliver(id)).isInstanceOf(TransientConnectorException.class);
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.PENDING);

        service.answer("amy-phone", 201);
        delivery.deliver(id);
        delivery.deliver(id);

        assertThat(service.received()).extracting(FakePushService.Received::device)
                .filteredOn("amy-laptop"::equals).hasSize(1);
        assertThat(service.received()).extracting(FakePushService.Received::device)
                .filteredOn("amy-phone"::equals).hasSize(2); // the refused attempt, then the delivery
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.DELIVERED);
        assertThat(inbox.forUser("amy", 10)).hasSize(1);
    }

    @Test
    void aDeviceThePushServiceNoLongerKnowsIsForgottenAndThatIsAudited() {
        service.answer("amy-phone", 410);

        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d"))));

        assertThat(subscriptions.devices("amy")).singleElement()
                .satisfies(device -> assertThat(subscriptions.has("amy", service.endpoint("amy-laptop"))).isTrue());
        assertThat(subscriptions.has("amy", service.endpoint("amy-phone"))).isFalse();
        assertThat(audit.actions()).containsExactly("push.subscription.expire");
    }

    @Test
    void aPermanentRefusalIsForTheDeadLetterStoreAfterTheOtherMembersWerePushed() {
        service.answer("amy-phone", 403);
        String id = messenger.send(OutgoingMessage.of(Recipient.group("manager"), "approval.requested",
                Map.of("subject", "s", "id", "A-1", "requester", "cal", "kind", "k", "link", "x")));

        assertThatThrownBy(() -> delivery.deliver(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("403");

        assertThat(service.received()).extracting(FakePushService.Received::device).contains("ben-phone");
    }

    @Test
    void aDeviceOfAPushServiceNoLongerAllowedIsNotPostedTo() {
        PushBrowser elsewhere = PushBrowser.fresh();
        subscriptions.save("cal", new PushSubscription(URI.create("https://push.elsewhere.example/x"),
                elsewhere.p256dh(), elsewhere.auth()), "phone");

        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("cal"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d"))));

        assertThat(service.received()).isEmpty();
        assertThat(inbox.forUser("cal", 10)).hasSize(1);
    }

    private void subscribe(String login, String device, PushBrowser browser) {
        subscriptions.save(login, new PushSubscription(service.endpoint(device), browser.p256dh(), browser.auth()),
                device);
    }

    private static String decrypt(List<FakePushService.Received> received, String device, PushBrowser browser) {
        return received.stream().filter(message -> message.device().equals(device))
                .map(message -> new String(browser.decrypt(message.body()), StandardCharsets.UTF_8))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("nothing for " + device));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static LocalAccount account(String login, List<String> roles) {
        return new LocalAccount(login, login, login, login + "@agency.test", "{hash}", null, null, "unmarked",
                roles, List.of("it"), true, 0, null);
    }
}

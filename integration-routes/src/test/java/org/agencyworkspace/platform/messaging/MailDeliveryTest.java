package org.agencyworkspace.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.connector.mail.MailSecurity;
import org.agencyworkspace.connector.mail.SmtpMailSenderBuilder;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.mail.SmtpMailChannel;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail as a channel of the messaging seam, through the real SMTP sender to GreenMail (a real SMTP
 * server in this JVM): each person's choice, templates in their language, classified content
 * kept out of mail bodies, once per message, outages waited out in the outbox.
 */
class MailDeliveryTest {

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final MessageOutbox outbox = new MessageOutbox(jdbc, new ObjectMapper(), clock);
    private final InboxMessages inbox = new InboxMessages(jdbc, clock);
    private final JdbcStaffDirectory directory = new JdbcStaffDirectory(jdbc);
    private final NotificationTemplates templates = new NotificationTemplates(TestNotifications.messageSource());
    private final Messenger messenger = new OutboxMessenger(outbox, templates);
    private final DeliveryPreferences preferences = new DeliveryPreferences(jdbc, clock, messaging(), true);
    private GreenMail smtp;
    private MessageDelivery delivery;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig());
        smtp.start();
        delivery = deliveryTo(smtp.getSmtp().getPort());
        LocalAccounts accounts = new LocalAccounts(jdbc, clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(account("amy", "amy@agency.example", List.of("staff", "manager")));
        accounts.create(account("ben", "ben@agency.example", List.of("staff", "manager")));
        accounts.create(account("noa", null, List.of("staff")));
        jdbc.sql("UPDATE local_account SET preferred_locale = 'en' WHERE username = 'ben'").update();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private MessageDelivery deliveryTo(int port) {
        SmtpMailChannel mail = new SmtpMailChannel(new SmtpMailSenderBuilder().host("127.0.0.1").port(port)
                .security(MailSecurity.NONE).from("workspace@agency.example", "公務工作區")
                .connectTimeout(Duration.ofSeconds(2)).build(), jdbc, clock);
        InboxDeliveryChannel inboxChannel = new InboxDeliveryChannel(inbox, directory);
        DeliveryChannels channels = new DeliveryChannels(inboxChannel, inboxChannel, inbox, mail,
                preferences, directory, templates, "https://workspace.agency.example/inbox");
        return new MessageDelivery(outbox, templates, directory, channels, TestWorkspaceProperties.withPublicUrl(URI.create("https://workspace.agency.example")));
    }

    @Test
    void aPersonWhoChoseMailGetsAMailSafeMessageInTheirLanguageOnceWithAStableMessageId() throws Exception {
        preferences.choose("amy", DeliveryPreference.MAIL);
        preferences.choose("ben", DeliveryPreference.MAIL);
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "計程車 2026-11-27", "id", "A-7", "by", "dave")));
        String english = messenger.send(OutgoingMessage.of(Recipient.user("ben"), "approval.approved",
                Map.of("subject", "Taxi", "id", "A-8", "by", "dave")));

        delivery.deliver(id);
        jdbc.sql("UPDATE message_outbox SET status = 'PENDING' WHERE id = :id").param("id", id).update();
        delivery.deliver(id);
        delivery.deliver(english);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("amy@agency.example");
        assertThat(received[0].getSubject()).contains("計程車 2026-11-27");
        assertThat(received[0].getMessageID()).isEqualTo("<" + id + "@agency.example>");
        assertThat(received[1].getSubject()).startsWith("Your request was approved");
        assertThat(inbox.forUser("amy", 10)).isEmpty();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.DELIVERED);
    }

    @Test
    void aNoticeAboutALabelledFileSaysOnlyThatThereIsSomethingToLookAtWithALink() throws Exception {
        preferences.choose("amy", DeliveryPreference.MAIL);
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "file.label.decision-overdue",
                Map.of("file", "專案/國防採購評估.docx", "level", "機密", "deadline", "2026-01-04")));

        delivery.deliver(id);

        MimeMessage mail = smtp.getReceivedMessages()[0];
        String body = ((String) mail.getContent());
        for (String secret : List.of("國防採購評估", "專案/", "機密", "2026-01-04")) {
            assertThat(mail.getSubject()).doesNotContain(secret);
            assertThat(body).doesNotContain(secret);
        }
        assertThat(mail.getSubject()).isEqualTo("工作平台有您的新訊息");
        assertThat(body).contains("https://workspace.agency.example/inbox");
        // The message itself waits in the inbox, behind the sign-in the link leads to.
        assertThat(inbox.forUser("amy", 10)).singleElement().satisfies(item -> {
            assertThat(item.subject()).contains("國防採購評估");
            assertThat(item.body()).contains("機密");
        });
    }

    @Test
    void aGroupMessageGoesToChatAndByMailToTheMembersWhoChoseMail() throws Exception {
        preferences.choose("ben", DeliveryPreference.MAIL);
        String id = messenger.send(OutgoingMessage.of(Recipient.group("manager"), "approval.requested",
                Map.of("subject", "Taxi", "id", "A-9", "requester", "carol", "kind", "expense",
                        "link", "https://workspace.agency.example/approvals")));

        delivery.deliver(id);
        delivery.deliver(id);

        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ben@agency.example");
            assertThat(mail.getMessageID()).isEqualTo("<" + id + ".ben@agency.example>");
        });
        assertThat(inbox.forUser("amy", 10)).hasSize(1);
    }

    @Test
    void whoChoseTheInboxOrHasNoAddressIsNotMailed() {
        preferences.choose("amy", DeliveryPreference.INBOX);
        preferences.choose("noa", DeliveryPreference.MAIL);
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d"))));
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("noa"), "approval.approved",
                Map.of("subject", "s", "id", "2", "by", "d"))));

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(inbox.forUser("amy", 10)).hasSize(1);
        assertThat(inbox.forUser("noa", 10)).hasSize(1);
    }

    @Test
    void whileTheMailServerIsDownMessagesWaitInTheOutboxAndGoOutAfterwards() {
        preferences.choose("amy", DeliveryPreference.MAIL);
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        MessageDelivery down = deliveryTo(port);
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d")));

        down.deliver(id);
        down.deliver(id);
        MessageOutbox.Entry waiting = outbox.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(MessageOutbox.Status.PENDING);
        assertThat(waiting.lastError()).contains("paused");

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        down.deliver(id);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        down.deliver(id);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.DELIVERED);
    }

    @Test
    void anAddressTheServerCannotTakeIsAPermanentFailureForTheDeadLetterStore() {
        preferences.choose("amy", DeliveryPreference.MAIL);
        jdbc.sql("UPDATE local_account SET email = 'amy at agency' WHERE username = 'amy'").update();
        String id = messenger.send(OutgoingMessage.of(Recipient.user("amy"), "approval.approved",
                Map.of("subject", "s", "id", "1", "by", "d")));

        assertThatThrownBy(() -> delivery.deliver(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid mail address");
        delivery.deadLettered(MessageDeliveryRoutes.DELIVERY_ROUTE_ID, id, "invalid mail address");
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.FAILED);
    }

    @Test
    void onlyTheChoicesThisDeploymentOffersCanBeMade() {
        assertThat(preferences.offered()).containsExactly(DeliveryPreference.INBOX, DeliveryPreference.MAIL);
        assertThatThrownBy(() -> preferences.choose("amy", DeliveryPreference.CHAT))
                .isInstanceOf(IllegalArgumentException.class);
        DeliveryPreferences withoutMail = new DeliveryPreferences(jdbc, clock, messaging(), false);
        preferences.choose("amy", DeliveryPreference.MAIL);
        assertThat(withoutMail.effective("amy")).isEqualTo(DeliveryPreference.INBOX);
        assertThat(preferences.effective("amy")).isEqualTo(DeliveryPreference.MAIL);
        assertThat(preferences.effective("ben")).isEqualTo(DeliveryPreference.INBOX);
    }

    @Test
    void aTemplateIsMailSafeOnlyWhenItSaysSo() {
        assertThat(templates.mailSafe("approval.requested")).isTrue();
        assertThat(templates.mailSafe("meeting.scheduled")).isTrue();
        assertThat(templates.mailSafe("meeting.scheduled-classified")).isFalse();
        assertThat(templates.mailSafe("file.label.decision-overdue")).isFalse();
        assertThat(templates.mailSafe("file.share-revoked")).isFalse();
        assertThat(templates.mailSafe("security.incident")).isFalse();
        assertThat(templates.mailSafe("no.such.template")).isFalse();
    }

    static MessagingProperties messaging() {
        return new MessagingProperties(MessagingProperties.Channel.INBOX, Duration.ofSeconds(1), 50,
                DeliveryPreference.CHAT);
    }

    private static LocalAccount account(String login, String email, List<String> roles) {
        return new LocalAccount(login, login, login, email, "{hash}", null, null, "unmarked", roles,
                List.of("it"), true, 0, null);
    }
}

package org.agencyworkspace.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class MessageDeliveryTest {

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final MessageOutbox outbox = new MessageOutbox(jdbc, new ObjectMapper(), clock);
    private final InboxMessages inbox = new InboxMessages(jdbc, clock);
    private final JdbcStaffDirectory directory = new JdbcStaffDirectory(jdbc);
    private final NotificationTemplates templates = new NotificationTemplates(TestNotifications.messageSource());
    private final Messenger messenger = new OutboxMessenger(outbox, templates);
    private final MessageDelivery delivery = new MessageDelivery(outbox, templates, directory,
            new InboxDeliveryChannel(inbox, directory), workspace());

    @BeforeEach
    void staff() {
        LocalAccounts accounts = new LocalAccounts(jdbc, clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(account("bob", List.of("staff", "admin")));
        accounts.create(account("eve", List.of("staff")));
        jdbc.sql("UPDATE local_account SET preferred_locale = 'en' WHERE username = 'eve'").update();
    }

    @Test
    void deliversOnceEvenWhenDeliveredTwice() {
        String id = messenger.send(OutgoingMessage.of(Recipient.user("bob"), "notice.published",
                Map.of("title", "停電", "text", "週六停電")));

        delivery.deliver(id);
        delivery.deliver(id);
        jdbc.sql("UPDATE message_outbox SET status = 'PENDING' WHERE id = :id").param("id", id).update();
        delivery.deliver(id);

        assertThat(inbox.forUser("bob", 10)).singleElement().satisfies(item -> {
            assertThat(item.subject()).isEqualTo("公告：停電");
            assertThat(item.body()).isEqualTo("週六停電");
        });
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.DELIVERED);
    }

    @Test
    void rendersInTheRecipientsOwnLanguage() {
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.user("eve"),
                "notice.published", Map.of("title", "Outage", "text", "Saturday"))));

        assertThat(inbox.forUser("eve", 10).get(0).subject()).isEqualTo("Notice: Outage");
    }

    @Test
    void aGroupBecomesOneMessagePerMember() {
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.group("it"),
                "notice.published", Map.of("title", "t", "text", "x"))));
        delivery.deliver(messenger.send(OutgoingMessage.of(Recipient.group("admin"),
                "notice.published", Map.of("title", "t", "text", "y"))));

        assertThat(inbox.forUser("bob", 10)).hasSize(2);
        assertThat(inbox.forUser("eve", 10)).hasSize(1);
        assertThat(inbox.unreadCount("eve")).isEqualTo(1);
    }

    @Test
    void aFailedAttemptStaysPendingUntilTheRouteGivesUp() {
        String id = messenger.send(OutgoingMessage.of(Recipient.user("nobody"), "notice.published",
                Map.of()));

        assertThatThrownBy(() -> delivery.deliver(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.PENDING);
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1);

        delivery.deadLettered("some-other-route", id, "not ours");
        assertThat(outbox.pendingIds(10)).contains(id);
        delivery.deadLettered(MessageDeliveryRoutes.DELIVERY_ROUTE_ID, id, "no staff member nobody");
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(MessageOutbox.Status.FAILED);
        assertThat(outbox.pendingIds(10)).doesNotContain(id);
    }

    @Test
    void anUnknownTemplateIsRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> messenger.send(OutgoingMessage.of(Recipient.user("bob"),
                "no.such.template", Map.of()))).hasMessageContaining("unknown notification template");
        assertThat(outbox.pendingIds(10)).isEmpty();
    }

    private static LocalAccount account(String login, List<String> roles) {
        return new LocalAccount(login, login, login, null, "{hash}", null, null, "unmarked", roles,
                List.of("it"), true, 0, null);
    }

    private static WorkspaceProperties workspace() {
        return TestWorkspaceProperties.defaults();
    }
}

package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.ApprovalEvents;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.chat.builtin.ApproveCommand;
import org.agencyworkspace.chat.builtin.RejectCommand;
import org.agencyworkspace.chat.builtin.StatusCommand;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in commands and the approvals registry they act on, over an in-memory database. */
class BuiltInCommandsTest {

    private final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T00:30:00Z"));
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final MessageOutbox outbox = new MessageOutbox(database.jdbc(), new ObjectMapper(), clock);
    private final NotificationTemplates texts = new NotificationTemplates(TestNotifications.messageSource());
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final Approvals approvals = new Approvals(database.jdbc(),
            new JdbcStaffDirectory(database.jdbc()), new OutboxMessenger(outbox, texts), events,
            audit, clock, URI.create("https://workspace.agency.test/"));

    @BeforeEach
    void staff() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        for (String[] person : new String[][] {{"dave", "manager"}, {"eve", "staff"}, {"finn", "manager"}}) {
            accounts.create(new LocalAccount(person[0], person[0], person[0], null, "{hash}", null, null,
                    "unmarked", List.of("staff", person[1]).stream().distinct().toList(), List.of("it"),
                    true, 0, null));
        }
    }

    @Test
    void aRequestNotifiesTheRoleWithTheCommandsAndIsDecidedOnce() {
        Approval asked = approvals.request("expense", "Taxi 2026-01", "/expenses/1", "eve", "manager");

        assertThat(outbox.pendingIds(10)).hasSize(1);
        assertThat(outbox.find(outbox.pendingIds(10).get(0)).orElseThrow().message().parameters())
                .containsEntry("id", asked.id()).containsEntry("link", "https://workspace.agency.test/expenses/1");
        CommandResult approved = new ApproveCommand(approvals, texts).handle(context("dave", asked.id()));
        CommandResult again = new ApproveCommand(approvals, texts).handle(context("finn", asked.id()));

        assertThat(approved.success()).isTrue();
        assertThat(approved.text()).contains(asked.id()).contains("approved");
        assertThat(again.success()).isFalse();
        assertThat(again.text()).contains("already").contains("dave");
        assertThat(approvals.find(asked.id()).orElseThrow().decidedBy()).isEqualTo("dave");
        assertThat(audit.actions()).containsExactly("approval.request", "approval.approve");
        assertThat(events.of(ApprovalEvents.Requested.class)).singleElement()
                .isEqualTo(new ApprovalEvents.Requested(asked.id(), "expense", "Taxi 2026-01",
                        "/expenses/1", "eve", "manager"));
        assertThat(events.of(ApprovalEvents.Decided.class)).as("the refused second decision is no event")
                .singleElement().isEqualTo(new ApprovalEvents.Decided(asked.id(), "expense",
                        "APPROVED", "dave", "eve"));
    }

    @Test
    void theWrongRoleTheRequesterAndAMissingReasonAreRefused() {
        Approval asked = approvals.request("expense", "Hotel", null, "dave", "manager");
        RejectCommand reject = new RejectCommand(approvals, texts);

        assertThat(new ApproveCommand(approvals, texts).handle(context("eve", asked.id())).text())
                .contains("manager");
        assertThat(new ApproveCommand(approvals, texts).handle(context("dave", asked.id())).text())
                .contains("own request");
        assertThat(reject.handle(context("finn", asked.id())).text()).contains("!reject <id> <reason>");
        assertThat(new ApproveCommand(approvals, texts).handle(context("finn", "NOSUCHID")).text())
                .contains("no request NOSUCHID");
        assertThat(approvals.find(asked.id()).orElseThrow().status()).isEqualTo(Approval.Status.PENDING);

        CommandResult rejected = reject.handle(context("finn", asked.id(), "over", "budget"));

        assertThat(rejected.success()).isTrue();
        assertThat(approvals.find(asked.id()).orElseThrow().reason()).isEqualTo("over budget");
    }

    @Test
    void statusListsWhatWaitsForTheSender() {
        Approval asked = approvals.request("leave", "Leave Jan 9", null, "eve", "manager");

        assertThat(new StatusCommand(approvals, texts).handle(context("dave")).text())
                .contains("Waiting for your decision: 1").contains(asked.id());
        assertThat(new StatusCommand(approvals, texts).handle(context("eve")).text())
                .contains("Waiting for your decision: 0").contains("Your open requests: 1");
    }

    @Test
    void aRoleNobodyHoldsCannotBeAsked() {
        assertThatThrownBy(() -> approvals.request("expense", "x", null, "eve", "auditor"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auditor");
    }

    private static CommandContext context(String login, String... arguments) {
        return new CommandContext(login, "@" + login + ":hs.test", "!room", "$event",
                List.of(arguments), String.join(" ", arguments), Locale.ENGLISH);
    }
}

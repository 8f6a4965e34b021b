package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.attendance.chat.AttendanceCommand;
import org.agencyworkspace.attendance.chat.ClockInCommand;
import org.agencyworkspace.attendance.chat.ClockOutCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.chat.builtin.ApproveCommand;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code !clockin}, {@code !clockout} and {@code !attendance}, and a correction approved in chat. */
class AttendanceChatCommandsTest {

    @TempDir
    Path dir;

    private AttendanceFixture f;
    private ClockInCommand clockIn;
    private ClockOutCommand clockOut;

    @BeforeEach
    void agency() {
        // Monday 2026-12-07 08:50 in Taipei.
        f = new AttendanceFixture(Instant.parse("2026-12-07T00:50:00Z"), dir, Map.of());
        // The chat path never asks the HTTP step-up gate.
        ClockGate gate = new ClockGate(null, f.audit, f.properties, f.clock);
        clockIn = new ClockInCommand(f.service, gate, f.texts);
        clockOut = new ClockOutCommand(f.service, gate, f.texts);
    }

    @Test
    void withoutARecentMultiFactorSignInChatClockingIsRefusedAndAudited() {
        CommandResult refused = clockIn.handle(context("alice", "$e1", "remote"));
        signedIn("alice", Duration.ofHours(13));
        CommandResult stale = clockIn.handle(context("alice", "$e2", "remote"));

        assertThat(refused.success()).isFalse();
        assertThat(refused.text()).contains("authenticator");
        assertThat(stale.success()).isFalse();
        assertThat(f.events.published()).isEmpty();
        assertThat(f.audit.events()).filteredOn(event -> event.action().equals("attendance.clock-in"))
                .hasSize(2).allSatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void clockInAndOutFromChatAndARedeliveredCommandIsTheSameEvent() {
        signedIn("alice", Duration.ofHours(1));

        CommandResult in = clockIn.handle(context("alice", "$e1", "remote"));
        CommandResult again = clockIn.handle(context("alice", "$e1", "remote"));
        f.clock.advance(Duration.ofHours(9));
        CommandResult out = clockOut.handle(context("alice", "$e3"));
        CommandResult second = clockIn.handle(context("alice", "$e4"));

        assertThat(in.text()).isEqualTo("Clocked in at 08:50 (REMOTE).");
        assertThat(again.success()).isTrue();
        assertThat(out.text()).isEqualTo("Clocked out at 17:50.");
        assertThat(second.success()).isFalse();
        assertThat(second.text()).contains("already clocked in");
        assertThat(f.events.published()).hasSize(2);
        assertThat(new AttendanceCommand(f.service, f.texts).handle(context("alice", "$e5")).text())
                .startsWith("Today: in 08:50, out 17:50. 2026-12: ").contains("normal 1");
    }

    @Test
    void anUnknownWorkModeIsRefusedWithTheChoices() {
        signedIn("alice", Duration.ofMinutes(5));

        CommandResult result = clockIn.handle(context("alice", "$e1", "beach"));

        assertThat(result.success()).isFalse();
        assertThat(result.text()).contains("office, remote or business-trip");
    }

    @Test
    void theManagerApprovesACorrectionInChatAndTheDayIsMarkedCorrected() {
        f.clock.set(Instant.parse("2026-12-08T01:00:00Z"));
        AttendanceRequest asked = f.service.requestCorrection("alice", java.time.LocalDate.of(2026, 12, 7),
                ClockRecord.ClockKind.IN, java.time.LocalTime.of(8, 40), "forgot my phone");

        CommandResult approved = new ApproveCommand(f.approvals, f.texts).handle(context("dave", "$a", asked.approvalId()));
        f.service.syncDecisions();

        assertThat(approved.success()).isTrue();
        assertThat(f.approvals.find(asked.approvalId()).orElseThrow().status()).isEqualTo(Approval.Status.APPROVED);
        DayRecord day = f.service.day("alice", java.time.LocalDate.of(2026, 12, 7));
        assertThat(day.corrected()).isTrue();
        assertThat(day.clockIn()).isNull();
        assertThat(day.statuses()).containsExactly(DayStatus.MISSING_CLOCK_OUT);
    }

    @Test
    void anApprovedClockInCorrectionLetsThePersonClockOutThatDay() {
        signedIn("alice", Duration.ofHours(1));
        AttendanceRequest asked = f.service.requestCorrection("alice", java.time.LocalDate.of(2026, 12, 7),
                ClockRecord.ClockKind.IN, java.time.LocalTime.of(8, 30), "forgot");
        assertThat(clockOut.handle(context("alice", "$o1")).success()).as("not before the approval").isFalse();

        new ApproveCommand(f.approvals, f.texts).handle(context("dave", "$a", asked.approvalId()));
        f.service.syncDecisions();
        f.clock.advance(Duration.ofHours(9));

        assertThat(clockOut.handle(context("alice", "$o2")).text()).isEqualTo("Clocked out at 17:50.");
        assertThat(f.service.day("alice", java.time.LocalDate.of(2026, 12, 7)).statuses())
                .containsExactly(DayStatus.NORMAL);
    }

    private void signedIn(String login, Duration ago) {
        f.audit.record(new AuditEvent("id-" + ago, f.clock.instant().minus(ago), "login.success", "authentication",
                AuditEvent.Outcome.SUCCESS, new AuditEvent.Actor(login, login), null, null, null, null, Map.of()));
    }

    private static CommandContext context(String login, String eventId, String... arguments) {
        return new CommandContext(login, "@" + login + ":hs.test", "!room", eventId, List.of(arguments),
                String.join(" ", arguments), Locale.ENGLISH);
    }
}

package org.agencyworkspace.attendance;

import static org.agencyworkspace.attendance.AttendanceFixture.user;
import static org.agencyworkspace.attendance.AttendanceFixture.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.attendance.AttendanceRefusedException.Reason;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.attendance.export.AttendanceExport;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clock events, day statuses, requests through the approvals registry, locks and who sees what. */
class AttendanceServiceTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @TempDir
    Path dir;

    private AttendanceFixture f;

    @BeforeEach
    void agency() {
        f = new AttendanceFixture(at("2026-12-01T08:30"), dir, Map.of());
    }

    @Test
    void clockInAndOutAreRecordedOncePublishedAndAudited() {
        AttendanceService.ClockResult in = f.service.clock("alice", ClockKind.IN, web("k1"));
        f.clock.set(at("2026-12-01T17:40"));
        AttendanceService.ClockResult out = f.service.clock("alice", ClockKind.OUT, web("k2"));

        assertThat(in.repeated()).isFalse();
        assertThat(in.record().workDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(in.record().workMode()).isEqualTo(ClockRecord.WorkMode.REMOTE);
        assertThat(out.record().kind()).isEqualTo(ClockKind.OUT);
        assertThat(f.events.of(AttendanceEvents.ClockedIn.class)).singleElement()
                .satisfies(event -> assertThat(event.networkZone()).isEqualTo("outside"));
        assertThat(f.events.of(AttendanceEvents.ClockedOut.class)).hasSize(1);
        assertThat(f.audit.actions()).containsExactly("attendance.clock-in", "attendance.clock-out");
        assertThat(f.service.day("alice", LocalDate.of(2026, 12, 1)).statuses()).containsExactly(DayStatus.NORMAL);
        String hash = f.database.jdbc().sql("SELECT device_hash FROM attendance_clock WHERE kind = 'IN'")
                .query(String.class).single();
        assertThat(hash).hasSize(64).doesNotContain("phone");
    }

    @Test
    void aDoubleTapOrRetryIsTheSameEventAndALaterSecondClockInIsRefusedAndAudited() {
        f.service.clock("alice", ClockKind.IN, web("k1"));
        f.clock.advance(Duration.ofSeconds(3));
        AttendanceService.ClockResult tap = f.service.clock("alice", ClockKind.IN, web(null));
        f.clock.advance(Duration.ofMinutes(30));
        AttendanceService.ClockResult retry = f.service.clock("alice", ClockKind.IN, web("k1"));

        assertThat(tap.repeated()).isTrue();
        assertThat(retry.repeated()).isTrue();
        assertThatThrownBy(() -> f.service.clock("alice", ClockKind.IN, web("k9")))
                .isInstanceOfSatisfying(AttendanceRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.ALREADY_CLOCKED_IN));
        assertThat(count("attendance_clock")).isEqualTo(1);
        assertThat(f.events.published()).hasSize(1);
        assertThat(f.audit.events()).extracting(AuditEvent::outcome)
                .containsExactly(AuditEvent.Outcome.SUCCESS, AuditEvent.Outcome.FAILURE);
    }

    @Test
    void clockOutWithoutClockInAndADisabledAccountAreRefusedWithNothingWritten() {
        assertThatThrownBy(() -> f.service.clock("alice", ClockKind.OUT, web(null)))
                .hasMessageContaining("no clock-in");
        assertThatThrownBy(() -> f.service.clock("gone", ClockKind.IN, web(null)))
                .isInstanceOfSatisfying(AttendanceRefusedException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(Reason.ACCOUNT_DISABLED));

        assertThat(count("attendance_clock")).isZero();
        assertThat(f.events.published()).isEmpty();
        assertThat(f.audit.events()).allSatisfy(event ->
                assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
        assertThat(f.audit.actions()).containsExactly("attendance.clock-out", "attendance.clock-in");
    }

    @Test
    void aMonthAcrossAHolidayAndAMakeUpWorkdayGetsEachStatus() {
        clock("2026-12-01T08:30", "2026-12-01T17:30");  // normal
        clock("2026-12-02T09:45", "2026-12-02T18:45");  // late
        clock("2026-12-03T08:00", "2026-12-03T16:00");  // early leave
        clock("2026-12-04T08:10", null);                // no clock-out
        clock("2026-12-05T10:00", "2026-12-05T12:00");  // Saturday: holiday work
        f.clock.set(at("2026-12-07T09:00"));
        approve(f.service.requestLeave("alice", "annual", LocalDateTime.parse("2026-12-08T08:00"),
                LocalDateTime.parse("2026-12-08T17:30"), "family").approvalId());
        f.clock.set(at("2026-12-31T12:00"));
        f.service.syncDecisions();

        Map<LocalDate, Set<DayStatus>> days = new java.util.HashMap<>();
        f.service.month(user("alice", "ga", "staff"), "alice", YearMonth.of(2026, 12))
                .forEach(day -> days.put(day.date(), day.statuses()));

        assertThat(days.get(LocalDate.of(2026, 12, 1))).containsExactly(DayStatus.NORMAL);
        assertThat(days.get(LocalDate.of(2026, 12, 2))).containsExactly(DayStatus.LATE);
        assertThat(days.get(LocalDate.of(2026, 12, 3))).containsExactly(DayStatus.EARLY_LEAVE);
        assertThat(days.get(LocalDate.of(2026, 12, 4))).containsExactly(DayStatus.MISSING_CLOCK_OUT);
        assertThat(days.get(LocalDate.of(2026, 12, 5))).containsExactly(DayStatus.HOLIDAY_WORK);
        assertThat(days.get(LocalDate.of(2026, 12, 6))).containsExactly(DayStatus.DAY_OFF);
        assertThat(days.get(LocalDate.of(2026, 12, 7))).containsExactly(DayStatus.ABSENT);
        assertThat(days.get(LocalDate.of(2026, 12, 8))).containsExactly(DayStatus.ON_LEAVE);
        assertThat(days.get(LocalDate.of(2026, 12, 19))).as("make-up workday").containsExactly(DayStatus.ABSENT);
        assertThat(days.get(LocalDate.of(2026, 12, 25))).as("holiday").containsExactly(DayStatus.DAY_OFF);
        assertThat(days.get(LocalDate.of(2026, 12, 31))).as("today, in the window's past").containsExactly(DayStatus.ABSENT);
    }

    @Test
    void aHalfDayMorningLeaveMovesTheExpectedArrival() {
        f.clock.set(at("2026-12-09T08:00"));
        approve(f.service.requestLeave("alice", "personal", LocalDateTime.parse("2026-12-10T08:00"),
                LocalDateTime.parse("2026-12-10T12:00"), "bank").approvalId());
        clock("2026-12-10T13:00", "2026-12-10T17:00");
        f.service.syncDecisions();

        DayRecord day = f.service.day("alice", LocalDate.of(2026, 12, 10));

        assertThat(day.statuses()).containsExactly(DayStatus.NORMAL);
        assertThat(day.leaveTypes()).containsExactly("personal");
    }

    @Test
    void anApprovedCorrectionMarksTheDayCorrectedWithoutEditingTheRecord() {
        clock("2026-12-02T08:40", null);
        f.clock.set(at("2026-12-03T09:00"));
        AttendanceRequest asked = f.service.requestCorrection("alice", LocalDate.of(2026, 12, 2), ClockKind.OUT,
                LocalTime.of(17, 45), "phone battery died");

        assertThat(f.service.day("alice", LocalDate.of(2026, 12, 2)).statuses())
                .containsExactly(DayStatus.MISSING_CLOCK_OUT);
        Approvals.Decision decision = f.approvals.decide(asked.approvalId(), "dave", true, null);
        assertThat(decision.outcome()).isEqualTo(Approvals.Outcome.DECIDED);
        assertThat(f.service.syncDecisions()).isEqualTo(1);
        assertThat(f.service.syncDecisions()).as("once").isZero();

        DayRecord day = f.service.day("alice", LocalDate.of(2026, 12, 2));
        assertThat(day.corrected()).isTrue();
        assertThat(day.clockOut()).as("the recorded events are untouched").isNull();
        assertThat(day.statuses()).containsExactly(DayStatus.NORMAL);
        assertThat(f.service.request(asked.id()).orElseThrow().decidedBy()).isEqualTo("dave");
        assertThat(f.events.of(AttendanceEvents.RequestDecided.class)).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo("APPROVED"));
        assertThat(f.audit.actions()).contains("attendance.correction.request", "approval.approve",
                "attendance.correction.approved");
    }

    @Test
    void futureCorrectionsOverlappingLeaveAndLockedMonthsAreRefusedAndAudited() {
        assertThat(refusal(() -> f.service.requestCorrection("alice", LocalDate.of(2026, 12, 2), ClockKind.IN,
                LocalTime.of(8, 0), "x"))).isEqualTo(Reason.FUTURE_DATE);
        f.service.requestLeave("alice", "sick", LocalDateTime.parse("2026-12-10T08:00"),
                LocalDateTime.parse("2026-12-10T17:00"), "flu");
        assertThat(refusal(() -> f.service.requestLeave("alice", "annual", LocalDateTime.parse("2026-12-10T13:00"),
                LocalDateTime.parse("2026-12-11T17:00"), "trip"))).isEqualTo(Reason.LEAVE_OVERLAP);
        assertThat(refusal(() -> f.service.requestLeave("alice", "holiday-on-the-moon",
                LocalDateTime.parse("2026-12-14T08:00"), LocalDateTime.parse("2026-12-14T17:00"), "x")))
                .isEqualTo(Reason.INVALID);

        f.clock.set(at("2027-01-04T09:00"));
        f.export.export(user("erin", "it", "staff", "personnel"), YearMonth.of(2026, 12),
                AttendanceExport.Format.CSV, null);
        int requests = count("attendance_request");
        assertThat(refusal(() -> f.service.requestCorrection("alice", LocalDate.of(2026, 12, 2), ClockKind.IN,
                LocalTime.of(8, 0), "forgot"))).isEqualTo(Reason.MONTH_LOCKED);
        assertThat(refusal(() -> f.service.requestOvertime("alice", LocalDate.of(2026, 12, 30), LocalTime.of(18, 0),
                LocalTime.of(20, 0), "audit"))).isEqualTo(Reason.MONTH_LOCKED);

        assertThat(count("attendance_request")).isEqualTo(requests);
        assertThat(count("approval")).as("no approval asked for a refused request").isEqualTo(1);
        assertThat(f.audit.events().stream().filter(event -> event.outcome() == AuditEvent.Outcome.FAILURE)
                .map(AuditEvent::action))
                .containsExactly("attendance.correction.request", "attendance.leave.request",
                        "attendance.leave.request", "attendance.correction.request", "attendance.overtime.request");
    }

    @Test
    void eachRoleSeesOnlyWhatItMay() {
        var alice = user("alice", "ga", "staff");
        var dave = user("dave", "ga", "staff", "manager");
        var finn = user("finn", "it", "staff", "manager");
        var erin = user("erin", "it", "staff", "personnel");
        YearMonth december = YearMonth.of(2026, 12);

        assertThat(f.service.month(alice, "alice", december)).isNotEmpty();
        assertThat(refusal(() -> f.service.month(alice, "bob", december))).isEqualTo(Reason.NOT_PERMITTED);
        assertThat(f.service.month(dave, "alice", december)).isNotEmpty();
        assertThat(refusal(() -> f.service.month(dave, "bob", december))).isEqualTo(Reason.NOT_PERMITTED);
        assertThat(refusal(() -> f.service.month(finn, "alice", december))).isEqualTo(Reason.NOT_PERMITTED);
        assertThat(f.service.month(erin, "alice", december)).isNotEmpty();
        assertThat(f.service.visiblePeople(alice, null)).containsExactly("alice");
        assertThat(f.service.visiblePeople(dave, null)).containsExactly("alice", "dave", "gone");
        assertThat(f.service.visiblePeople(dave, "it")).isEmpty();
        assertThat(f.service.visiblePeople(erin, null)).containsExactly("alice", "bob", "dave", "erin", "finn", "gone");
        assertThat(refusal(() -> f.export.export(dave, december, AttendanceExport.Format.CSV, null)))
                .isEqualTo(Reason.NOT_PERMITTED);
        assertThat(f.audit.events()).hasSize(4).allSatisfy(event ->
                assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));
    }

    @Test
    void onlyASupervisorOfTheRequestersDepartmentDecidesAndNobodyTheirOwn() {
        f.clock.set(at("2026-12-03T09:00"));
        AttendanceRequest bobs = f.service.requestOvertime("bob", LocalDate.of(2026, 12, 3), LocalTime.of(18, 0),
                LocalTime.of(20, 0), "budget");

        assertThat(f.approvals.decide(bobs.approvalId(), "alice", true, null).outcome())
                .isEqualTo(Approvals.Outcome.NOT_PERMITTED);
        // dave manages General Affairs, not bob's IT department.
        assertThat(f.approvals.decide(bobs.approvalId(), "dave", true, null).outcome())
                .isEqualTo(Approvals.Outcome.NOT_PERMITTED);
        assertThat(f.approvals.pendingFor("dave")).isEmpty();
        assertThat(f.approvals.pendingFor("finn")).extracting(Approval::id).containsExactly(bobs.approvalId());
        f.service.syncDecisions();
        assertThat(f.service.request(bobs.id()).orElseThrow().status()).isEqualTo(AttendanceRequest.Status.PENDING);
        f.approvals.decide(bobs.approvalId(), "finn", false, "not needed");
        f.service.syncDecisions();
        assertThat(f.service.request(bobs.id()).orElseThrow().status()).isEqualTo(AttendanceRequest.Status.REJECTED);
        assertThat(f.service.day("bob", LocalDate.of(2026, 12, 3)).overtime()).isZero();
        // finn is IT's only manager: nobody else could decide his own request, so it is refused.
        assertThat(refusal(() -> f.service.requestOvertime("finn", LocalDate.of(2026, 12, 3), LocalTime.of(18, 0),
                LocalTime.of(20, 0), "budget"))).isEqualTo(Reason.NO_APPROVER);
    }

    private void clock(String in, String out) {
        f.clock.set(at(in));
        f.service.clock("alice", ClockKind.IN, web(null));
        if (out != null) {
            f.clock.set(at(out));
            f.service.clock("alice", ClockKind.OUT, web(null));
        }
    }

    private void approve(String approvalId) {
        assertThat(f.approvals.decide(approvalId, "dave", true, null).outcome()).isEqualTo(Approvals.Outcome.DECIDED);
    }

    private static Reason refusal(Runnable action) {
        try {
            action.run();
        } catch (AttendanceRefusedException refused) {
            assertThat(refused.audited()).as("refusal audited").isTrue();
            return refused.reason();
        }
        throw new AssertionError("not refused");
    }

    private int count(String table) {
        return f.database.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    private static Instant at(String taipei) {
        return LocalDateTime.parse(taipei).atZone(TAIPEI).toInstant();
    }
}

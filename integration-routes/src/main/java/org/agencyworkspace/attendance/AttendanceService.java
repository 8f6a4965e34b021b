package org.agencyworkspace.attendance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.attendance.AttendanceRefusedException.Reason;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.attendance.ClockRecord.WorkMode;
import org.agencyworkspace.attendance.calendar.WorkCalendar;
import org.agencyworkspace.attendance.calendar.WorkCalendarSource;
import org.agencyworkspace.directory.DepartmentTable;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remote attendance: clock events, the day statuses the rule makes of them, and the requests
 * (correction, overtime, leave) decided through the approvals registry. Every action and every
 * refusal is audited; a refusal writes nothing else, since the write runs in a transaction that
 * the refusal rolls back and the refusal's audit record is written after it.
 */
@Service
public class AttendanceService {

    /**
     * Where a clock event came from and in what context.
     *
     * @param channel web, chat or api
     * @param workMode office, remote or business trip
     * @param networkZone office or outside, from {@link NetworkZones}
     * @param insideArea the consented inside-area answer, or null
     * @param deviceFingerprint what the client offered to recognise its device; only its salted
     *     hash is kept; may be null
     * @param requestKey the client's key for this tap, so retries are the same event; may be null
     * @param sourceIp the request's address, for the audit record
     * @param userAgent the request's user agent, for the audit record
     */
    public record ClockContext(String channel, WorkMode workMode, String networkZone,
            Boolean insideArea, String deviceFingerprint, String requestKey, String sourceIp,
            String userAgent) {
    }

    /**
     * @param record the clock event
     * @param repeated true when this was a repeat of an event already recorded (nothing new)
     */
    public record ClockResult(ClockRecord record, boolean repeated) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final DepartmentTable departmentTable;
    private final TransactionTemplate transactions;
    private final AttendanceProperties properties;
    private final ZoneId zone;
    private final WorkCalendarSource calendars;
    private final DayRules rules;
    private final Approvals approvals;
    private final StaffDirectory directory;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile String salt;

    public AttendanceService(JdbcClient jdbc, TransactionTemplate transactions,
            AttendanceProperties properties, WorkspaceProperties workspace, WorkCalendarSource calendars,
            Approvals approvals, StaffDirectory directory, EventPublisher events, AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.departmentTable = new DepartmentTable(jdbc);
        this.transactions = transactions;
        this.properties = properties;
        this.zone = workspace.timeZone();
        this.calendars = calendars;
        this.rules = new DayRules(properties, zone);
        this.approvals = approvals;
        this.directory = directory;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public AttendanceProperties properties() {
        return properties;
    }

    /** The agency's time zone, which days and times of day are in. */
    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    public WorkCalendar calendar() {
        return calendars.calendar();
    }

    /** When the day's work is due to end for someone who came in at {@code in}. */
    public Instant expectedEnd(LocalDate date, Instant in) {
        return rules.expectedEnd(date, in);
    }

    // ---- clock events -------------------------------------------------------------------

    /**
     * Records a clock-in or clock-out now. A repeat within the double-tap window (or with the
     * same request key) answers the first event again; a later second one is refused.
     *
     * @throws AttendanceRefusedException for a second clock-in, a clock-out without clock-in,
     *     a disabled account; audited
     */
    public ClockResult clock(String login, ClockKind kind, ClockContext context) {
        String action = kind == ClockKind.IN ? "attendance.clock-in" : "attendance.clock-out";
        return refusalsAudited(login, action, context, () -> transactions.execute(status -> {
            requireActive(login);
            Instant now = clock.instant();
            LocalDate date = now.atZone(zone).toLocalDate();
            Optional<ClockRecord> same = clockRecord(login, date, kind);
            if (same.isPresent()) {
                return repeatOrRefuse(same.get(), context, now);
            }
            if (kind == ClockKind.OUT && clockRecord(login, date, ClockKind.IN).isEmpty()
                    && !approvedCorrection(login, date, ClockKind.IN)) {
                throw new AttendanceRefusedException(Reason.NOT_CLOCKED_IN,
                        "no clock-in on " + date + " to clock out from");
            }
            String id = UUID.randomUUID().toString();
            try {
                jdbc.sql("""
                        INSERT INTO attendance_clock (id, login, work_date, kind, recorded_at, channel,
                            work_mode, network_zone, inside_area, device_hash, request_key)
                        VALUES (:id, :login, :date, :kind, :at, :channel, :mode, :zone, :inside,
                            :device, :key)
                        """)
                        .param("id", id).param("login", login).param("date", date)
                        .param("kind", kind.name()).param("at", now.atOffset(ZoneOffset.UTC))
                        .param("channel", context.channel()).param("mode", context.workMode().name())
                        .param("zone", context.networkZone()).param("inside", context.insideArea())
                        .param("device", deviceHash(context.deviceFingerprint()))
                        .param("key", clip(context.requestKey(), 100))
                        .update();
            } catch (DuplicateKeyException raced) {
                // A simultaneous double tap got there first: answer as its repeat.
                status.setRollbackOnly();
                return null;
            }
            ClockRecord record = clockRecord(login, date, kind).orElseThrow();
            events.publish(kind == ClockKind.IN
                    ? new AttendanceEvents.ClockedIn(login, date, now, context.channel(),
                            context.workMode().name(), context.networkZone(), context.insideArea())
                    : new AttendanceEvents.ClockedOut(login, date, now, context.channel(),
                            context.workMode().name(), context.networkZone(), context.insideArea()),
                    login);
            Map<String, String> details = new HashMap<>(Map.of("channel", context.channel(),
                    "workMode", context.workMode().name(), "networkZone", context.networkZone(),
                    "workDate", date.toString()));
            if (context.insideArea() != null) {
                details.put("insideArea", context.insideArea().toString());
            }
            audit.record(AuditEvent.of(action, "attendance").actor(login, login)
                    .target("attendance", login + "/" + date)
                    .source(context.sourceIp(), context.userAgent()).details(details).build());
            return new ClockResult(record, false);
        })).orElseGet(() -> {
            // The raced insert rolled back: the winner's row is the answer.
            LocalDate date = today();
            return repeatOrRefuse(clockRecord(login, date, kind).orElseThrow(), context,
                    clock.instant());
        });
    }

    private ClockResult repeatOrRefuse(ClockRecord existing, ClockContext context, Instant now) {
        String key = jdbc.sql("SELECT request_key FROM attendance_clock WHERE id = :id")
                .param("id", existing.id()).query(String.class).optional().orElse(null);
        boolean sameKey = context.requestKey() != null && context.requestKey().equals(key);
        boolean withinTap = Duration.between(existing.at(), now).compareTo(properties.doubleTapWindow()) <= 0
                && (context.requestKey() == null || key == null || sameKey);
        if (sameKey || withinTap) {
            return new ClockResult(existing, true);
        }
        throw new AttendanceRefusedException(existing.kind() == ClockKind.IN
                ? Reason.ALREADY_CLOCKED_IN : Reason.ALREADY_CLOCKED_OUT,
                "already clocked " + existing.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " at " + existing.at());
    }

    private <T> Optional<T> refusalsAudited(String login, String action, ClockContext context,
            Supplier<T> work) {
        try {
            return Optional.ofNullable(work.get());
        } catch (AttendanceRefusedException refused) {
            if (refused.audited()) {
                throw refused;
            }
            audit.record(refused.record(action, login)
                    .source(context == null ? null : context.sourceIp(),
                            context == null ? null : context.userAgent())
                    .details(context == null ? Map.of() : Map.of("channel", context.channel()))
                    .build());
            refused.markAudited();
            throw refused;
        }
    }

    /**
     * Audits a refusal decided before the service was reached (no recent MFA, a bad field),
     * unless already audited.
     */
    public void auditRefusal(String login, String action, String sourceIp, String userAgent,
            AttendanceRefusedException refused) {
        if (refused.audited()) {
            return;
        }
        audit.record(refused.record(action, login).source(sourceIp, userAgent).build());
        refused.markAudited();
    }

    private void requireActive(String login) {
        StaffDirectory.StaffMember member = directory.find(login).orElseThrow(() ->
                new AttendanceRefusedException(Reason.ACCOUNT_DISABLED, "unknown account " + login));
        if (!member.enabled()) {
            throw new AttendanceRefusedException(Reason.ACCOUNT_DISABLED,
                    "the account " + login + " is disabled");
        }
    }

    /** Whether an approved correction supplies the day's clock event of that kind. */
    private boolean approvedCorrection(String login, LocalDate date, ClockKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM attendance_request WHERE login = :login AND kind = 'CORRECTION' "
                        + "AND work_date = :date AND clock_kind = :kind AND status = 'APPROVED'")
                .param("login", login).param("date", date).param("kind", kind.name())
                .query(Integer.class).single() > 0;
    }

    public Optional<ClockRecord> clockRecord(String login, LocalDate date, ClockKind kind) {
        return jdbc.sql("SELECT * FROM attendance_clock WHERE login = :login AND work_date = :date "
                        + "AND kind = :kind")
                .param("login", login).param("date", date).param("kind", kind.name())
                .query(AttendanceService::mapClock).optional();
    }

    // ---- days ---------------------------------------------------------------------------

    public DayRecord day(String login, LocalDate date) {
        return days(login, date, date).get(0);
    }

    /**
     * The person's month, for a viewer allowed to see it.
     *
     * @throws AttendanceRefusedException when the viewer may not (audited)
     */
    public List<DayRecord> month(WorkspaceUser viewer, String login, YearMonth month) {
        requireMaySee(viewer, login);
        return days(login, month.atDay(1), month.atEndOfMonth());
    }

    /** Whether {@code viewer} may see (and, for personnel, export) {@code login}'s records. */
    public boolean maySee(WorkspaceUser viewer, String login) {
        if (viewer.login().equals(login) || viewer.hasRole(properties.personnelRole())) {
            return true;
        }
        if (!viewer.hasRole(properties.managerRole())) {
            return false;
        }
        List<String> theirs = directory.find(login).map(StaffDirectory.StaffMember::departments)
                .orElse(List.of());
        return viewer.departments().stream().anyMatch(theirs::contains);
    }

    void requireMaySee(WorkspaceUser viewer, String login) {
        if (!maySee(viewer, login)) {
            AttendanceRefusedException refused = new AttendanceRefusedException(Reason.NOT_PERMITTED,
                    viewer.login() + " may not see the records of " + login);
            audit.record(AuditEvent.of("attendance.records.view", "attendance")
                    .actor(viewer.login(), viewer.login()).target("attendance", login)
                    .failure(refused.getMessage()).build());
            refused.markAudited();
            throw refused;
        }
    }

    /** Whose records the viewer may list: themselves; their departments; everyone for personnel. */
    public List<String> visiblePeople(WorkspaceUser viewer, String department) {
        TreeSet<String> people = new TreeSet<>();
        List<String> departments;
        if (viewer.hasRole(properties.personnelRole())) {
            departments = department != null && !department.isBlank() ? List.of(department)
                    : departmentTable.codes();
        } else if (viewer.hasRole(properties.managerRole())) {
            departments = department != null && !department.isBlank()
                    ? viewer.departments().stream().filter(department::equals).toList()
                    : viewer.departments();
        } else {
            departments = List.of();
        }
        departments.forEach(code -> people.addAll(directory.membersOf(code)));
        if (department == null || department.isBlank()) {
            people.add(viewer.login());
        }
        return List.copyOf(people);
    }

    /** The person's days from {@code from} to {@code to}, both included; no access check. */
    public List<DayRecord> days(String login, LocalDate from, LocalDate to) {
        Instant now = clock.instant();
        WorkCalendar calendar = calendars.calendar();
        Map<String, ClockRecord> clocks = new HashMap<>();
        jdbc.sql("SELECT * FROM attendance_clock WHERE login = :login AND work_date BETWEEN :from AND :to")
                .param("login", login).param("from", from).param("to", to)
                .query(AttendanceService::mapClock).list()
                .forEach(record -> clocks.put(record.workDate() + record.kind().name(), record));
        Instant rangeStart = from.atStartOfDay(zone).toInstant();
        Instant rangeEnd = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<AttendanceRequest> approved = jdbc.sql("""
                SELECT * FROM attendance_request WHERE login = :login AND status = 'APPROVED'
                    AND starts_at < :end AND (COALESCE(ends_at, starts_at) >= :start)
                ORDER BY created_at
                """)
                .param("login", login).param("start", rangeStart.atOffset(ZoneOffset.UTC))
                .param("end", rangeEnd.atOffset(ZoneOffset.UTC))
                .query(AttendanceService::mapRequest).list();
        List<DayRecord> days = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            ClockRecord in = clocks.get(date + "IN");
            ClockRecord out = clocks.get(date + "OUT");
            Instant effectiveIn = in == null ? null : in.at();
            Instant effectiveOut = out == null ? null : out.at();
            boolean corrected = false;
            List<DayRules.LeavePeriod> leave = new ArrayList<>();
            List<String> leaveTypes = new ArrayList<>();
            Duration overtime = Duration.ZERO;
            for (AttendanceRequest request : approved) {
                switch (request.kind()) {
                    case CORRECTION -> {
                        if (request.workDate().equals(date)) {
                            corrected = true;
                            if (request.clockKind() == ClockKind.IN) {
                                effectiveIn = request.startsAt();
                            } else {
                                effectiveOut = request.startsAt();
                            }
                        }
                    }
                    case LEAVE -> {
                        if (request.startsAt().isBefore(dayEnd) && request.endsAt().isAfter(dayStart)) {
                            leave.add(new DayRules.LeavePeriod(request.startsAt(), request.endsAt()));
                            leaveTypes.add(request.leaveType());
                        }
                    }
                    case OVERTIME -> {
                        if (request.workDate().equals(date)) {
                            overtime = overtime.plus(Duration.between(request.startsAt(), request.endsAt()));
                        }
                    }
                }
            }
            String holiday = calendar.special(date).map(WorkCalendar.Day::name).orElse(null);
            days.add(new DayRecord(login, date, in, out, effectiveIn, effectiveOut, corrected,
                    rules.statuses(calendar, date, now, effectiveIn, effectiveOut, leave), holiday,
                    List.copyOf(leaveTypes), overtime));
        }
        return days;
    }

    // ---- requests -----------------------------------------------------------------------

    /** Asks for a missing or wrong clock event to be corrected (補登). */
    public AttendanceRequest requestCorrection(String login, LocalDate date, ClockKind kind,
            LocalTime time, String reason) {
        return refusalsAudited(login, "attendance.correction.request", null, () -> transactions.execute(status -> {
            requireActive(login);
            requireText(reason);
            if (date == null || kind == null || time == null) {
                throw new AttendanceRefusedException(Reason.INVALID, "a correction needs a date, in or out, and a time");
            }
            Instant at = LocalDateTime.of(date, time).atZone(zone).toInstant();
            if (at.isAfter(clock.instant())) {
                throw new AttendanceRefusedException(Reason.FUTURE_DATE, "a correction for " + date + " "
                        + time + " is in the future");
            }
            requireUnlocked(date);
            boolean pending = jdbc.sql("SELECT COUNT(*) FROM attendance_request WHERE login = :login "
                            + "AND kind = 'CORRECTION' AND work_date = :date AND clock_kind = :kind "
                            + "AND status = 'PENDING'")
                    .param("login", login).param("date", date).param("kind", kind.name())
                    .query(Integer.class).single() > 0;
            if (pending) {
                throw new AttendanceRefusedException(Reason.ALREADY_REQUESTED,
                        "a correction of " + date + " " + kind + " is already waiting for a decision");
            }
            return insertRequest(login, AttendanceRequest.Kind.CORRECTION, date, kind, at, null, null,
                    reason, "補登 " + login + " " + date + " " + kind + " " + time);
        })).orElseThrow();
    }

    /** Asks for overtime on a date (加班), before or after the fact. */
    public AttendanceRequest requestOvertime(String login, LocalDate date, LocalTime from,
            LocalTime to, String reason) {
        return refusalsAudited(login, "attendance.overtime.request", null, () -> transactions.execute(status -> {
            requireActive(login);
            requireText(reason);
            if (date == null || from == null || to == null || !from.isBefore(to)) {
                throw new AttendanceRefusedException(Reason.INVALID, "overtime needs a date and a start before its end");
            }
            if (date.isAfter(today().plusDays(31))) {
                throw new AttendanceRefusedException(Reason.FUTURE_DATE, "overtime is asked at most 31 days ahead");
            }
            requireUnlocked(date);
            Instant start = LocalDateTime.of(date, from).atZone(zone).toInstant();
            Instant end = LocalDateTime.of(date, to).atZone(zone).toInstant();
            return insertRequest(login, AttendanceRequest.Kind.OVERTIME, date, null, start, end, null,
                    reason, "加班 " + login + " " + date + " " + from + "–" + to);
        })).orElseThrow();
    }

    /** Asks for leave of a configured type over a period; half days are periods too. */
    public AttendanceRequest requestLeave(String login, String type, LocalDateTime from,
            LocalDateTime to, String reason) {
        return refusalsAudited(login, "attendance.leave.request", null, () -> transactions.execute(status -> {
            requireActive(login);
            requireText(reason);
            if (type == null || !properties.leaveTypes().contains(type)) {
                throw new AttendanceRefusedException(Reason.INVALID, "leave type must be one of "
                        + properties.leaveTypes());
            }
            if (from == null || to == null || !from.isBefore(to) || from.plusDays(366).isBefore(to)) {
                throw new AttendanceRefusedException(Reason.INVALID,
                        "leave needs a start before its end, at most a year apart");
            }
            for (LocalDate date = from.toLocalDate(); !date.isAfter(to.toLocalDate()); date = date.plusDays(1)) {
                requireUnlocked(date);
            }
            Instant start = from.atZone(zone).toInstant();
            Instant end = to.atZone(zone).toInstant();
            boolean overlaps = jdbc.sql("""
                    SELECT COUNT(*) FROM attendance_request WHERE login = :login AND kind = 'LEAVE'
                        AND status IN ('PENDING', 'APPROVED') AND starts_at < :end AND ends_at > :start
                    """)
                    .param("login", login).param("start", start.atOffset(ZoneOffset.UTC))
                    .param("end", end.atOffset(ZoneOffset.UTC)).query(Integer.class).single() > 0;
            if (overlaps) {
                throw new AttendanceRefusedException(Reason.LEAVE_OVERLAP,
                        "the period overlaps leave already asked for");
            }
            return insertRequest(login, AttendanceRequest.Kind.LEAVE, from.toLocalDate(), null, start,
                    end, type, reason, "請假 " + type + " " + login + " " + from + "–" + to);
        })).orElseThrow();
    }

    private AttendanceRequest insertRequest(String login, AttendanceRequest.Kind kind, LocalDate date,
            ClockKind clockKind, Instant start, Instant end, String leaveType, String reason,
            String subject) {
        String id = UUID.randomUUID().toString();
        Approval approval;
        try {
            approval = approvals.request("attendance-" + kind.name().toLowerCase(java.util.Locale.ROOT),
                    subject, null, login, properties.approverRole(), Approval.Scope.REQUESTER_DEPARTMENTS);
        } catch (IllegalArgumentException e) {
            throw new AttendanceRefusedException(Reason.NO_APPROVER, e.getMessage());
        }
        jdbc.sql("""
                INSERT INTO attendance_request (id, login, kind, work_date, clock_kind, starts_at, ends_at,
                    leave_type, reason, approval_id, status, created_at)
                VALUES (:id, :login, :kind, :date, :clockKind, :start, :end, :leaveType, :reason,
                    :approval, 'PENDING', :now)
                """)
                .param("id", id).param("login", login).param("kind", kind.name()).param("date", date)
                .param("clockKind", clockKind == null ? null : clockKind.name())
                .param("start", start.atOffset(ZoneOffset.UTC))
                .param("end", end == null ? null : end.atOffset(ZoneOffset.UTC))
                .param("leaveType", leaveType).param("reason", reason.strip())
                .param("approval", approval.id()).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        events.publish(new AttendanceEvents.Requested(id, kind.name(), login, date, approval.id(),
                leaveType), login);
        audit.record(AuditEvent.of("attendance." + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + ".request", "attendance").actor(login, login).target("attendance-request", id)
                .reason(reason.strip()).details(Map.of("approval", approval.id(), "workDate", date.toString()))
                .build());
        return request(id).orElseThrow();
    }

    public Optional<AttendanceRequest> request(String id) {
        return jdbc.sql("SELECT * FROM attendance_request WHERE id = :id").param("id", id)
                .query(AttendanceService::mapRequest).optional();
    }

    /** The person's requests, newest first. */
    public List<AttendanceRequest> requestsOf(String login) {
        return jdbc.sql("SELECT * FROM attendance_request WHERE login = :login ORDER BY created_at DESC")
                .param("login", login).query(AttendanceService::mapRequest).list();
    }

    /**
     * Copies decisions made in the approvals registry (web page, API or chat {@code !approve})
     * onto pending requests: run by {@code attendance-approval-decided} on each
     * {@code approval.decided} event, and before records are shown. Idempotent.
     *
     * @return how many requests were decided
     */
    public int syncDecisions() {
        int decided = 0;
        List<AttendanceRequest> pending = jdbc.sql("SELECT * FROM attendance_request WHERE status = 'PENDING'")
                .query(AttendanceService::mapRequest).list();
        for (AttendanceRequest request : pending) {
            Optional<Approval> approval = approvals.find(request.approvalId());
            if (approval.isEmpty() || approval.get().status() == Approval.Status.PENDING) {
                continue;
            }
            Approval done = approval.get();
            Boolean changed = transactions.execute(status -> {
                int rows = jdbc.sql("""
                        UPDATE attendance_request SET status = :status, decided_by = :by, decided_at = :at
                        WHERE id = :id AND status = 'PENDING'
                        """)
                        .param("status", done.status().name()).param("by", done.decidedBy())
                        .param("at", done.decidedAt().atOffset(ZoneOffset.UTC)).param("id", request.id())
                        .update();
                if (rows == 0) {
                    return false;
                }
                events.publish(new AttendanceEvents.RequestDecided(request.id(), request.kind().name(),
                        request.login(), request.workDate(), done.status().name(), done.decidedBy()),
                        done.decidedBy());
                audit.record(AuditEvent.of("attendance." + request.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + "." + (done.status() == Approval.Status.APPROVED ? "approved" : "rejected"),
                                "attendance").actor(done.decidedBy(), done.decidedBy())
                        .target("attendance-request", request.id())
                        .details(Map.of("login", request.login(), "approval", done.id(),
                                "workDate", request.workDate().toString()))
                        .build());
                return true;
            });
            if (Boolean.TRUE.equals(changed)) {
                decided++;
            }
        }
        return decided;
    }

    // ---- locks and preferences ----------------------------------------------------------

    public boolean isLocked(YearMonth month) {
        return jdbc.sql("SELECT COUNT(*) FROM attendance_month_lock WHERE locked_month = :month")
                .param("month", month.toString()).query(Integer.class).single() > 0;
    }

    private void requireUnlocked(LocalDate date) {
        if (isLocked(YearMonth.from(date))) {
            throw new AttendanceRefusedException(Reason.MONTH_LOCKED, YearMonth.from(date)
                    + " was exported and is locked; ask personnel");
        }
    }

    public boolean remindersEnabled(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM attendance_reminder_opt_out WHERE login = :login")
                .param("login", login).query(Integer.class).single() == 0;
    }

    public void setReminders(String login, boolean enabled) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM attendance_reminder_opt_out WHERE login = :login").param("login", login).update();
            if (!enabled) {
                jdbc.sql("INSERT INTO attendance_reminder_opt_out (login, since) VALUES (:login, :now)")
                        .param("login", login).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
            }
            audit.record(AuditEvent.of("attendance.reminders." + (enabled ? "on" : "off"), "attendance")
                    .actor(login, login).target("account", login).build());
        });
    }

    // ---- helpers ------------------------------------------------------------------------

    private static void requireText(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new AttendanceRefusedException(Reason.INVALID, "a reason of 1 to 500 characters is required");
        }
    }

    private String deviceHash(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(clip(fingerprint, 1000).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String salt() {
        if (salt == null) {
            Optional<String> stored = jdbc.sql("SELECT salt FROM attendance_salt WHERE id = 1")
                    .query(String.class).optional();
            if (stored.isEmpty()) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                try {
                    jdbc.sql("INSERT INTO attendance_salt (id, salt) VALUES (1, :salt)")
                            .param("salt", HexFormat.of().formatHex(bytes)).update();
                } catch (DuplicateKeyException other) {
                    // another node made it first; read theirs
                }
                stored = jdbc.sql("SELECT salt FROM attendance_salt WHERE id = 1").query(String.class).optional();
            }
            salt = stored.orElseThrow();
        }
        return salt;
    }

    private static String clip(String text, int max) {
        return text == null ? null : text.substring(0, Math.min(max, text.length()));
    }

    static ClockRecord mapClock(ResultSet row, int index) throws SQLException {
        Object inside = row.getObject("inside_area");
        return new ClockRecord(row.getString("id"), row.getString("login"),
                row.getObject("work_date", LocalDate.class), ClockKind.valueOf(row.getString("kind")),
                row.getObject("recorded_at", OffsetDateTime.class).toInstant(), row.getString("channel"),
                WorkMode.valueOf(row.getString("work_mode")), row.getString("network_zone"),
                inside == null ? null : row.getBoolean("inside_area"));
    }

    static AttendanceRequest mapRequest(ResultSet row, int index) throws SQLException {
        OffsetDateTime ends = row.getObject("ends_at", OffsetDateTime.class);
        String clockKind = row.getString("clock_kind");
        return new AttendanceRequest(row.getString("id"), row.getString("login"),
                AttendanceRequest.Kind.valueOf(row.getString("kind")), row.getObject("work_date", LocalDate.class),
                clockKind == null ? null : ClockKind.valueOf(clockKind),
                row.getObject("starts_at", OffsetDateTime.class).toInstant(),
                ends == null ? null : ends.toInstant(), row.getString("leave_type"), row.getString("reason"),
                row.getString("approval_id"), AttendanceRequest.Status.valueOf(row.getString("status")),
                row.getString("decided_by"), row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}

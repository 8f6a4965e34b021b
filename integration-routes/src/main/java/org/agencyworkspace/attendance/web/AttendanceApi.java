package org.agencyworkspace.attendance.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.agencyworkspace.attendance.AttendanceRefusedException;
import org.agencyworkspace.attendance.AttendanceRequest;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.ClockGate;
import org.agencyworkspace.attendance.ClockRecord;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.attendance.DayRecord;
import org.agencyworkspace.attendance.export.AttendanceExport;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attendance over HTTP, with the same rules, checks and audit as the page and chat. A clock
 * event needs a recent step-up; {@code Idempotency-Key} makes a retried request the same event.
 * Refusals are RFC 9457 problem details whose {@code reason} names the rule.
 */
@RestController
@Tag(name = "Attendance")
class AttendanceApi {

    /**
     * A clock event.
     *
     * @param workMode office, remote or business-trip; office when absent
     * @param latitude with the person's consent, their position, compared with the approved
     *     areas and then dropped; never stored
     * @param longitude see latitude
     * @param device a device fingerprint; only its salted hash is kept
     * @param login must be the caller when given: no one clocks for someone else
     */
    record ClockRequest(String workMode, Double latitude, Double longitude, String device, String login) {
    }

    /** A correction: date (yyyy-MM-dd), kind (in/out), time (HH:mm), reason. */
    record CorrectionRequest(String date, String kind, String time, String reason) {
    }

    /** Overtime: date, from and to (HH:mm), reason. */
    record OvertimeRequest(String date, String from, String to, String reason) {
    }

    /** Leave: type, from and to (yyyy-MM-ddTHH:mm), reason. */
    record LeaveRequest(String type, String from, String to, String reason) {
    }

    /**
     * @param record the clock event
     * @param repeated true when the request repeated one already recorded
     */
    record ClockAnswer(ClockRecord record, boolean repeated) {
    }

    private final AttendanceService attendance;
    private final AttendanceExport export;
    private final ClockGate gate;

    AttendanceApi(AttendanceService attendance, AttendanceExport export, ClockGate gate) {
        this.attendance = attendance;
        this.export = export;
        this.gate = gate;
    }

    @PostMapping("/api/attendance/clock-in")
    @Operation(summary = "Clock in now (201; 200 with repeated=true for a retry); needs a recent step-up")
    ResponseEntity<ClockAnswer> clockIn(HttpServletRequest request, @RequestBody(required = false) ClockRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return clock(request, ClockKind.IN, body, key);
    }

    @PostMapping("/api/attendance/clock-out")
    @Operation(summary = "Clock out now; 409 without a clock-in today")
    ResponseEntity<ClockAnswer> clockOut(HttpServletRequest request, @RequestBody(required = false) ClockRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return clock(request, ClockKind.OUT, body, key);
    }

    private ResponseEntity<ClockAnswer> clock(HttpServletRequest request, ClockKind kind, ClockRequest body,
            String key) {
        String login = user().login();
        ClockRequest clock = body == null ? new ClockRequest(null, null, null, null, null) : body;
        if (clock.login() != null && !clock.login().equals(login)) {
            throw new AttendanceRefusedException(AttendanceRefusedException.Reason.NOT_PERMITTED,
                    login + " may not clock for " + clock.login());
        }
        gate.requireRecentMfa(request);
        AttendanceService.ClockResult result = attendance.clock(login, kind, gate.httpContext(request, "api",
                ClockGate.workMode(clock.workMode()), clock.latitude(), clock.longitude(), clock.device(), key));
        return ResponseEntity.status(result.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new ClockAnswer(result.record(), result.repeated()));
    }

    @GetMapping("/api/attendance/today")
    @Operation(summary = "The caller's record and statuses today")
    DayRecord today() {
        return attendance.day(user().login(), attendance.today());
    }

    @GetMapping("/api/attendance/records")
    @Operation(summary = "A person's month (own; the department's for managers; anyone's for personnel)")
    List<DayRecord> records(@RequestParam(required = false) String login,
            @RequestParam(required = false) String month) {
        WorkspaceUser viewer = user();
        attendance.syncDecisions();
        return attendance.month(viewer, login == null || login.isBlank() ? viewer.login() : login,
                Inputs.month(month, attendance.today()));
    }

    @GetMapping("/api/attendance/people")
    @Operation(summary = "Whose records the caller may see, optionally one department's")
    List<String> people(@RequestParam(required = false) String department) {
        return attendance.visiblePeople(user(), department);
    }

    @GetMapping("/api/attendance/requests")
    @Operation(summary = "The caller's correction, overtime and leave requests")
    List<AttendanceRequest> requests() {
        attendance.syncDecisions();
        return attendance.requestsOf(user().login());
    }

    @PostMapping("/api/attendance/corrections")
    @Operation(summary = "Ask the supervisor for a correction (補登); 409 for a locked month")
    ResponseEntity<AttendanceRequest> correction(@RequestBody CorrectionRequest body) {
        return created(attendance.requestCorrection(user().login(), Inputs.date(body.date()),
                Inputs.clockKind(body.kind()), Inputs.time(body.time()), body.reason()));
    }

    @PostMapping("/api/attendance/overtime")
    @Operation(summary = "Ask the supervisor for overtime (加班)")
    ResponseEntity<AttendanceRequest> overtime(@RequestBody OvertimeRequest body) {
        return created(attendance.requestOvertime(user().login(), Inputs.date(body.date()),
                Inputs.time(body.from()), Inputs.time(body.to()), body.reason()));
    }

    @PostMapping("/api/attendance/leave")
    @Operation(summary = "Ask the supervisor for leave (請假); 409 when it overlaps leave already asked")
    ResponseEntity<AttendanceRequest> leave(@RequestBody LeaveRequest body) {
        return created(attendance.requestLeave(user().login(), body.type(), Inputs.dateTime(body.from()),
                Inputs.dateTime(body.to()), body.reason()));
    }

    @GetMapping("/api/attendance/export")
    @Operation(summary = "Personnel: a month as CSV or XLSX (documented columns); locks a month that is over")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String month,
            @RequestParam(required = false) String format, @RequestParam(required = false) String department) {
        AttendanceExport.ExportFile file = export.export(user(), Inputs.month(month, attendance.today()),
                Inputs.format(format), department);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header("X-Attendance-Month-Locked", Boolean.toString(file.locked()))
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.bytes());
    }

    private ResponseEntity<AttendanceRequest> created(AttendanceRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(request);
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

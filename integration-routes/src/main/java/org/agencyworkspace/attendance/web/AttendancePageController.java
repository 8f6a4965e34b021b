package org.agencyworkspace.attendance.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import org.agencyworkspace.attendance.AttendanceRefusedException;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.ClockGate;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.attendance.DayRecord;
import org.agencyworkspace.attendance.export.AttendanceExport;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mobile-first attendance pages: one large button with today's record and the rule in
 * force; the month's records (own, the department's for managers, everyone's for personnel);
 * requests for correction, overtime and leave; the month export for personnel.
 */
@Controller
class AttendancePageController {

    private final AttendanceService attendance;
    private final AttendanceExport export;
    private final ClockGate gate;
    private final StepUp stepUp;
    private final MessageSource messages;

    AttendancePageController(AttendanceService attendance, AttendanceExport export, ClockGate gate,
            StepUp stepUp, @Qualifier("messageSource") MessageSource messages) {
        this.attendance = attendance;
        this.export = export;
        this.gate = gate;
        this.stepUp = stepUp;
        this.messages = messages;
    }

    @GetMapping("/attendance")
    String today(HttpServletRequest request, Model model) {
        String login = user().login();
        attendance.syncDecisions();
        LocalDate today = attendance.today();
        DayRecord day = attendance.day(login, today);
        model.addAttribute("day", day);
        model.addAttribute("rule", attendance.properties());
        model.addAttribute("zone", attendance.zone());
        model.addAttribute("workingDay", attendance.calendar().isWorkingDay(today));
        model.addAttribute("expectedEnd", day.effectiveIn() == null ? null
                : attendance.expectedEnd(today, day.effectiveIn()));
        model.addAttribute("stepUp", gate.stepUp(request));
        model.addAttribute("token", UUID.randomUUID().toString());
        model.addAttribute("areas", !attendance.properties().approvedAreas().isEmpty());
        model.addAttribute("reminders", attendance.remindersEnabled(login));
        return "attendance/index";
    }

    /** Sends the person to verify (TOTP again, or the identity provider) and back to the button. */
    @GetMapping("/attendance/verify")
    String verify() {
        stepUp.require(); // not yet: StepUpChallenges sends the person to verify and back here
        return "redirect:/attendance";
    }

    @PostMapping("/attendance/clock")
    String clock(HttpServletRequest request, @RequestParam String kind,
            @RequestParam(required = false) String mode, @RequestParam(required = false) String token,
            @RequestParam(required = false) Double latitude,
            @RequestParam(required = false) Double longitude,
            @RequestParam(required = false) String device, RedirectAttributes redirect, Locale locale) {
        String login = user().login();
        ClockKind clockKind = Inputs.clockKind(kind);
        gate.requireRecentMfa(request);
        AttendanceService.ClockResult result = attendance.clock(login, clockKind,
                gate.httpContext(request, "web", ClockGate.workMode(mode), latitude, longitude, device, token));
        redirect.addFlashAttribute("notice", messages.getMessage(
                "attendance." + (result.repeated() ? "repeated" : "done") + "." + clockKind.name(),
                null, locale));
        return "redirect:/attendance";
    }

    @GetMapping("/attendance/records")
    String records(@RequestParam(required = false) String month,
            @RequestParam(required = false) String login,
            @RequestParam(required = false) String department, Model model) {
        WorkspaceUser viewer = user();
        attendance.syncDecisions();
        YearMonth shown = Inputs.month(month, attendance.today());
        String person = login == null || login.isBlank() ? viewer.login() : login.strip();
        model.addAttribute("month", shown);
        model.addAttribute("person", person);
        model.addAttribute("days", attendance.month(viewer, person, shown));
        model.addAttribute("people", attendance.visiblePeople(viewer, department));
        model.addAttribute("department", department);
        model.addAttribute("personnel", viewer.hasRole(attendance.properties().personnelRole()));
        model.addAttribute("locked", attendance.isLocked(shown));
        model.addAttribute("zone", attendance.zone());
        return "attendance/records";
    }

    @GetMapping("/attendance/requests")
    String requests(Model model) {
        attendance.syncDecisions();
        model.addAttribute("requests", attendance.requestsOf(user().login()));
        model.addAttribute("leaveTypes", attendance.properties().leaveTypes());
        model.addAttribute("today", attendance.today());
        model.addAttribute("zone", attendance.zone());
        return "attendance/requests";
    }

    @PostMapping("/attendance/requests/{kind}")
    String ask(@PathVariable String kind, @RequestParam(required = false) String date,
            @RequestParam(required = false) String clockKind, @RequestParam(required = false) String time,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String leaveType, @RequestParam(required = false) String reason,
            RedirectAttributes redirect, Locale locale) {
        String login = user().login();
        switch (kind) {
            case "correction" -> attendance.requestCorrection(login, Inputs.date(date),
                    Inputs.clockKind(clockKind), Inputs.time(time), reason);
            case "overtime" -> attendance.requestOvertime(login, Inputs.date(date), Inputs.time(from),
                    Inputs.time(to), reason);
            case "leave" -> attendance.requestLeave(login, leaveType, Inputs.dateTime(from),
                    Inputs.dateTime(to), reason);
            default -> throw Inputs.invalid("ask for a correction, overtime or leave, not " + kind);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("attendance.requests.sent", null, locale));
        return "redirect:/attendance/requests";
    }

    @PostMapping("/attendance/reminders")
    String reminders(@RequestParam boolean enabled) {
        attendance.setReminders(user().login(), enabled);
        return "redirect:/attendance";
    }

    @GetMapping("/attendance/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String month,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String department) {
        AttendanceExport.ExportFile file = export.export(user(), Inputs.month(month, attendance.today()),
                Inputs.format(format), department);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.bytes());
    }

    /** A refusal answers its own status with the reason, never a redirect that hides it. */
    @ExceptionHandler(AttendanceRefusedException.class)
    String refused(AttendanceRefusedException refused, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        attendance.auditRefusal(CurrentUser.loginOrAnonymous(), "attendance.refused",
                request.getRemoteAddr(), request.getHeader("User-Agent"), refused);
        response.setStatus(refused.reason().status().value());
        model.addAttribute("reason", messages.getMessage(refused.reason().messageKey(), null, locale));
        model.addAttribute("detail", refused.getMessage());
        model.addAttribute("stepUpNeeded", refused.reason() == AttendanceRefusedException.Reason.STEP_UP_REQUIRED);
        return "attendance/refused";
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

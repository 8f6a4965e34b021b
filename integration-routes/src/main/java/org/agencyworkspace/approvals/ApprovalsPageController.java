package org.agencyworkspace.approvals;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals page: ask for a decision, what waits for the person's decision (the same decision
 * as {@code !approve} and {@code !reject} in chat, with the same checks and audit), what they
 * decided, and their own requests in every state, filtered by state, kind and day. The pilots'
 * requests (expense claims, leave, official documents, meetings, reviews) are registry kinds too:
 * they are listed here and open on their own page, where they are also started.
 */
@Controller
public class ApprovalsPageController {

    /** The kind a request asked for on this page has; the pilots' kinds start on their pages. */
    static final String GENERAL = "general";

    /** The pilots' kinds, each with the page where one is started and opened. */
    static final Map<String, String> PILOT_PAGES = pilotPages();

    private final Approvals approvals;
    private final MessageSource messages;
    private final StaffDirectory directory;
    private final IdentityProperties identity;
    private final WorkspaceProperties workspace;
    private final RequestRefusals refusals;

    public ApprovalsPageController(Approvals approvals,
            @Qualifier("messageSource") MessageSource messages, StaffDirectory directory,
            IdentityProperties identity, WorkspaceProperties workspace, RequestRefusals refusals) {
        this.approvals = approvals;
        this.messages = messages;
        this.directory = directory;
        this.identity = identity;
        this.workspace = workspace;
        this.refusals = refusals;
    }

    @GetMapping("/approvals")
    public String list(@RequestParam(required = false) Approval.Status status,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        String login = CurrentUser.loginOrAnonymous();
        Approvals.Filter filter = new Approvals.Filter(status, kind, from, to, workspace.timeZone());
        model.addAttribute("waiting", approvals.queueOf(login, filter));
        model.addAttribute("mine", approvals.requestsOf(login, filter));
        model.addAttribute("status", status == null ? "" : status.name());
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("statuses", Approval.Status.values());
        model.addAttribute("kinds", kinds());
        model.addAttribute("pilotPages", PILOT_PAGES);
        model.addAttribute("roles", approverRoles(login));
        return "approvals/index";
    }

    @PostMapping("/approvals/new")
    public String ask(@RequestParam String subject, @RequestParam String approverRole,
            HttpServletRequest http, RedirectAttributes redirect, Locale locale) {
        String login = CurrentUser.loginOrAnonymous();
        try {
            if (!approverRoles(login).contains(approverRole)) {
                throw new IllegalArgumentException("nobody but you holds the role " + approverRole);
            }
            Approval asked = approvals.request(GENERAL, subject == null ? null : subject.strip(), null,
                    login, approverRole);
            redirect.addFlashAttribute("notice", messages.getMessage("approvals.asked.done",
                    new Object[] {asked.id()}, locale));
        } catch (IllegalArgumentException e) {
            refusals.record(login, http, GENERAL, null, e.getMessage());
            redirect.addFlashAttribute("error", messages.getMessage("approvals.asked.refused",
                    new Object[] {e.getMessage()}, locale));
        }
        return "redirect:/approvals";
    }

    @PostMapping("/approvals/{id}/{decision}")
    public String decide(@PathVariable String id, @PathVariable String decision,
            @RequestParam(required = false) String reason, RedirectAttributes redirect,
            Locale locale) {
        boolean approve = switch (decision) {
            case "approve" -> true;
            case "reject" -> false;
            default -> throw new IllegalArgumentException("decide approve or reject, not " + decision);
        };
        if (!approve && (reason == null || reason.isBlank())) {
            redirect.addFlashAttribute("error", messages.getMessage("approvals.reasonRequired",
                    null, locale));
            return "redirect:/approvals";
        }
        Approvals.Decision outcome = approvals.decide(id, CurrentUser.loginOrAnonymous(), approve,
                reason);
        String key = "approvals.outcome." + outcome.outcome().name();
        redirect.addFlashAttribute(outcome.outcome() == Approvals.Outcome.DECIDED ? "notice" : "error",
                messages.getMessage(key, new Object[] {id}, locale));
        return "redirect:/approvals";
    }

    /** Roles a person may ask: any but plain staff that someone other than they hold. */
    private List<String> approverRoles(String login) {
        return identity.roles().stream()
                .filter(role -> !role.equals("staff"))
                .filter(role -> directory.membersOf(role).stream().anyMatch(holder -> !holder.equals(login)))
                .toList();
    }

    private static List<String> kinds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(GENERAL),
                PILOT_PAGES.keySet().stream()).toList();
    }

    private static Map<String, String> pilotPages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(org.agencyworkspace.expenses.ExpenseClaims.APPROVAL_KIND, "/expenses");
        for (org.agencyworkspace.attendance.AttendanceRequest.Kind kind
                : org.agencyworkspace.attendance.AttendanceRequest.Kind.values()) {
            pages.put("attendance-" + kind.name().toLowerCase(Locale.ROOT), "/attendance/requests");
        }
        pages.put(org.agencyworkspace.officialdocs.flow.OfficialDocuments.APPROVAL_KIND, "/official-documents");
        pages.put(org.agencyworkspace.officialdocs.exchange.ExchangeInbox.TASK_KIND, "/official-documents");
        pages.put("meeting-action", "/meetings");
        pages.put(org.agencyworkspace.reviews.Reviews.APPROVAL_KIND, "/reviews");
        return pages;
    }
}

package org.agencyworkspace.platform.audit;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.agencyworkspace.config.WorkspaceProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' audit page: the audit search with a form. Times are the agency's
 * ({@code workspace.time-zone}), in the form and in the table; the trail stores UTC.
 */
@Controller
public class AuditPageController {

    static final int PAGE_SIZE = 50;

    private final AuditSearchService searches;
    private final ZoneId zone;

    public AuditPageController(AuditSearchService searches, WorkspaceProperties workspace) {
        this.searches = searches;
        this.zone = workspace.timeZone();
    }

    @GetMapping("/admin/audit")
    public String search(@RequestParam(required = false) String user,
            @RequestParam(required = false) String file, @RequestParam(required = false) String label,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("file", file);
        model.addAttribute("label", label);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("page", page);
        model.addAttribute("zone", zone);
        model.addAttribute("fullSearch", searches.fullSearch());
        try {
            AuditSearchService.Answer answer = searches.search(new AuditSearchService.Filters(user,
                    file, label, action, from == null ? null : from.atZone(zone).toInstant(),
                    to == null ? null : to.atZone(zone).toInstant(), page, PAGE_SIZE));
            model.addAttribute("answer", answer);
            model.addAttribute("more", answer.source().equals("elasticsearch")
                    && (long) (page + 1) * PAGE_SIZE < answer.total());
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "admin/audit";
    }
}

package org.agencyworkspace.security.incidents;

import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' page of security incidents. */
@Controller
public class IncidentsController {

    private final IncidentService incidents;

    public IncidentsController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GetMapping("/admin/security/incidents")
    public String list(@RequestParam(required = false) Incident.Status status, Model model) {
        Incident.Status shown = status == null ? Incident.Status.OPEN : status;
        model.addAttribute("status", shown);
        model.addAttribute("incidents", incidents.list(new IncidentStore.Filter(shown, null, null, null, 200)));
        return "admin/incidents";
    }

    @GetMapping("/admin/security/incidents/{id}")
    public String detail(@PathVariable String id, Model model) {
        model.addAttribute("incident", incidents.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "admin/incident";
    }

    @PostMapping("/admin/security/incidents/{id}/{change}")
    public String change(@PathVariable String id, @PathVariable String change,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String resolution, RedirectAttributes redirect) {
        String by = CurrentUser.loginOrAnonymous();
        try {
            switch (change) {
                case "assign" -> incidents.assign(id, assignee, by);
                case "acknowledge" -> incidents.acknowledge(id, by);
                case "close" -> incidents.close(id, resolution, by);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/security/incidents/" + id;
    }
}

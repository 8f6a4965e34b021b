package org.agencyworkspace.approvals;

import java.util.Locale;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals page: what waits for the person's decision (the same decision as {@code !approve}
 * and {@code !reject} in chat, with the same checks and audit) and their own open requests. The
 * link in an approval notification leads here when a workflow gives none of its own.
 */
@Controller
public class ApprovalsPageController {

    private final Approvals approvals;
    private final MessageSource messages;

    public ApprovalsPageController(Approvals approvals,
            @Qualifier("messageSource") MessageSource messages) {
        this.approvals = approvals;
        this.messages = messages;
    }

    @GetMapping("/approvals")
    public String list(Model model) {
        String login = CurrentUser.loginOrAnonymous();
        model.addAttribute("waiting", approvals.pendingFor(login));
        model.addAttribute("mine", approvals.openRequestsOf(login));
        return "approvals/index";
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
}

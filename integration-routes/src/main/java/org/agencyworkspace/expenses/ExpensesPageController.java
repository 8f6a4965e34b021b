package org.agencyworkspace.expenses;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The phone-first expense pages: a person's claims and a new one; a claim with its receipts
 * (photographed with the phone's camera, a PDF, or typed), possible duplicates, and the action
 * the viewer may take (submit; for accounting: override, payment). Approving is on the approvals
 * page and in chat, like every other approval. Refusals come back as one line per problem.
 */
@Controller
class ExpensesPageController {

    private final ExpenseClaims claims;

    ExpensesPageController(ExpenseClaims claims) {
        this.claims = claims;
    }

    @GetMapping("/expenses")
    String list(Model model) {
        model.addAttribute("claims", claims.listFor(user()));
        model.addAttribute("today", LocalDate.now());
        return "expenses/index";
    }

    @PostMapping("/expenses")
    String create(@RequestParam String purpose, @RequestParam String budgetCode,
            @RequestParam(required = false) String project,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn,
            @RequestParam(required = false) String level, RedirectAttributes redirect) {
        try {
            Claim claim = claims.create(new ExpenseClaims.NewClaim(purpose, budgetCode, project, startsOn,
                    endsOn, level), user());
            return "redirect:/expenses/" + claim.id();
        } catch (ExpenseException e) {
            redirect.addFlashAttribute("problems", e.problems());
            return "redirect:/expenses";
        }
    }

    @GetMapping("/expenses/{id}")
    String show(@PathVariable long id, Model model) {
        WorkspaceUser user = user();
        Claim claim = readable(id, user);
        model.addAttribute("claim", claim);
        model.addAttribute("duplicates", claims.duplicatesOf(id, user));
        model.addAttribute("mine", claim.claimant().equals(user.login()));
        model.addAttribute("accounting", claims.isAccounting(user.login()));
        model.addAttribute("today", LocalDate.now());
        return "expenses/claim";
    }

    @PostMapping("/expenses/{id}/receipts")
    String upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) Claim.Kind kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedOn,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String invoiceNumber,
            @RequestParam(required = false) String seller,
            @RequestParam(required = false) String payeeName,
            @RequestParam(required = false) String payeeId,
            @RequestParam(required = false) String description,
            RedirectAttributes redirect) throws IOException {
        ExpenseClaims.TypedItem typed = kind == null && amount == null ? null
                : new ExpenseClaims.TypedItem(kind, issuedOn, amount, invoiceNumber, seller, null, payeeName,
                        payeeId, description);
        return act(id, redirect, () -> claims.addFile(id, file.getOriginalFilename(), file.getBytes(), typed, user()));
    }

    @PostMapping("/expenses/{id}/items")
    String typed(@PathVariable long id, @RequestParam Claim.Kind kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedOn,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String invoiceNumber,
            @RequestParam(required = false) String seller,
            @RequestParam(required = false) String randomCode,
            @RequestParam(required = false) String payeeName,
            @RequestParam(required = false) String payeeId,
            @RequestParam(required = false) String description,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.addTyped(id, new ExpenseClaims.TypedItem(kind, issuedOn, amount,
                invoiceNumber, seller, randomCode, payeeName, payeeId, description), user()));
    }

    @PostMapping("/expenses/{id}/items/{itemId}/remove")
    String remove(@PathVariable long id, @PathVariable long itemId, RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.removeItem(id, itemId, user()));
    }

    @PostMapping("/expenses/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.submit(id, user()));
    }

    @PostMapping("/expenses/{id}/override")
    String override(@PathVariable long id, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.override(id, reason, user()));
    }

    @PostMapping("/expenses/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.rejectFlagged(id, reason, user()));
    }

    @PostMapping("/expenses/{id}/paid")
    String paid(@PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> claims.markPaid(id, paidOn, user()));
    }

    private interface Action {
        Claim run() throws IOException;
    }

    private static String act(long id, RedirectAttributes redirect, Action action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", Boolean.TRUE);
        } catch (ExpenseException e) {
            if (e.reason() == ExpenseException.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            redirect.addFlashAttribute("problems", e.problems());
        } catch (IOException e) {
            redirect.addFlashAttribute("problems", List.of("the upload could not be read"));
        }
        return "redirect:/expenses/" + id;
    }

    private Claim readable(long id, WorkspaceUser user) {
        try {
            return claims.get(id, user);
        } catch (ExpenseException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

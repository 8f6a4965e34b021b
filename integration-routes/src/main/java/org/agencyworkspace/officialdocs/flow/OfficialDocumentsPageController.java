package org.agencyworkspace.officialdocs.flow;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUpGate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The phone-first 簽辦 pages: the person's work queue, their drafts, a new document, their
 * signing certificate; one document with its history, its PDF, and the step waiting for them.
 */
@Controller
class OfficialDocumentsPageController {

    private final OfficialDocuments documents;
    private final StepUpGate stepUp;

    OfficialDocumentsPageController(OfficialDocuments documents, StepUpGate stepUp) {
        this.documents = documents;
        this.stepUp = stepUp;
    }

    @GetMapping("/official-documents")
    String index(HttpServletRequest request, Model model) {
        WorkspaceUser user = user();
        model.addAttribute("queue", documents.queueOf(user));
        model.addAttribute("drafted", documents.draftedBy(user));
        model.addAttribute("certificate", documents.certificateOf(user).orElse(null));
        model.addAttribute("stepUp", stepUp.status(request));
        model.addAttribute("kinds", DocumentKind.values());
        model.addAttribute("urgencies", Urgency.values());
        return "official-documents/index";
    }

    /** Sends the person to verify again (a fresh code, or the identity provider) and back. */
    @GetMapping("/official-documents/verify")
    String verify(@RequestParam(required = false) Long back) {
        stepUp.require(); // not yet: StepUpChallenges sends the person to verify and back here
        return "redirect:/official-documents" + (back == null ? "" : "/" + back);
    }

    @PostMapping("/official-documents")
    String create(@RequestParam(required = false) DocumentKind kind, @RequestParam(required = false) String level,
            @RequestParam(required = false) Urgency urgency, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String body, @RequestParam(required = false) String recipients,
            @RequestParam(required = false) String coSign, @RequestParam(required = false) String attachments,
            RedirectAttributes redirect) {
        try {
            OfficialDocuments.Document document = documents.create(new OfficialDocuments.Draft(kind, level, urgency,
                    subject, body, recipients, list(coSign), list(attachments)), user());
            return "redirect:/official-documents/" + document.id();
        } catch (DocumentRefusedException e) {
            redirect.addFlashAttribute("problems", e.problems());
            return "redirect:/official-documents";
        }
    }

    @PostMapping("/official-documents/certificate")
    String certificate(@RequestParam(required = false) String passphrase, RedirectAttributes redirect) {
        try {
            documents.issueCertificate(passphrase == null ? null : passphrase.toCharArray(), user());
            redirect.addFlashAttribute("done", Boolean.TRUE);
        } catch (DocumentRefusedException e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/official-documents";
    }

    @GetMapping("/official-documents/{id}")
    String show(@PathVariable long id, HttpServletRequest request, Model model) {
        WorkspaceUser user = user();
        OfficialDocuments.Document document;
        try {
            document = documents.get(id, user);
        } catch (DocumentRefusedException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("document", document);
        model.addAttribute("mine", document.drafter().equals(user.login()));
        model.addAttribute("waiting", documents.queueOf(user).stream()
                .anyMatch(item -> item.document().id() == id));
        model.addAttribute("stepUp", stepUp.status(request));
        return "official-documents/document";
    }

    @PostMapping("/official-documents/{id}/submit")
    String submit(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, () -> documents.submit(id, user()));
    }

    @PostMapping("/official-documents/{id}/revise")
    String revise(@PathVariable long id, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String body, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            OfficialDocuments.Document current = documents.get(id, user());
            return documents.revise(id, new OfficialDocuments.Draft(current.kind(), current.level(), current.urgency(),
                    subject, body, current.recipients(), current.coSign(),
                    current.attachments().stream().map(OfficialDocuments.Attachment::path).toList()), user());
        });
    }

    @PostMapping("/official-documents/{id}/sign")
    String sign(@PathVariable long id, @RequestParam(required = false) String passphrase,
            @RequestParam(required = false) String seenSha256, RedirectAttributes redirect) {
        return act(id, redirect, () -> documents.sign(id, passphrase == null ? null : passphrase.toCharArray(),
                seenSha256, user()));
    }

    @PostMapping("/official-documents/{id}/return")
    String returnForChanges(@PathVariable long id, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> documents.returnForChanges(id, reason, user()));
    }

    private static String act(long id, RedirectAttributes redirect, Supplier<OfficialDocuments.Document> action) {
        try {
            action.get();
            redirect.addFlashAttribute("done", Boolean.TRUE);
        } catch (DocumentRefusedException e) {
            if (e.reason() == DocumentRefusedException.Reason.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            redirect.addFlashAttribute("problems", e.problems());
            redirect.addFlashAttribute("refusal", e.reason().name());
        }
        return "redirect:/official-documents/" + id;
    }

    /** Values typed one per line or separated by commas. */
    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\n]")).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

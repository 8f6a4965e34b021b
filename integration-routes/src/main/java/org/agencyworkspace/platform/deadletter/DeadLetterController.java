package org.agencyworkspace.platform.deadletter;

import org.agencyworkspace.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operators' page of dead letters. */
@Controller
public class DeadLetterController {

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;

    public DeadLetterController(DeadLetterStore store, DeadLetterReplayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    @GetMapping("/admin/dead-letters")
    public String list(@RequestParam(required = false) DeadLetter.Status status, Model model) {
        DeadLetter.Status shown = status == null ? DeadLetter.Status.OPEN : status;
        model.addAttribute("status", shown);
        model.addAttribute("letters", store.list(shown, 200));
        return "admin/dead-letters";
    }

    @GetMapping("/admin/dead-letters/{id}")
    public String detail(@PathVariable String id, Model model) {
        model.addAttribute("letter", store.find(id).orElseThrow(
                () -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)));
        return "admin/dead-letter";
    }

    @PostMapping("/admin/dead-letters/{id}/replay")
    public String replay(@PathVariable String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("replayResult",
                replayer.replay(id, CurrentUser.loginOrAnonymous()).name());
        return "redirect:/admin/dead-letters/" + id;
    }

    @PostMapping("/admin/dead-letters/{id}/discard")
    public String discard(@PathVariable String id,
            @RequestParam(required = false) String reason) {
        replayer.discard(id, CurrentUser.loginOrAnonymous(), reason);
        return "redirect:/admin/dead-letters/" + id;
    }
}

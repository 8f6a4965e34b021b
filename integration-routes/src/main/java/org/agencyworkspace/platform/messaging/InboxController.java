package org.agencyworkspace.platform.messaging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The in-app inbox: the embedded default channel of the messaging seam. */
@Controller
@Tag(name = "Inbox")
public class InboxController {

    private static final int PAGE = 100;

    private final InboxMessages inbox;

    public InboxController(InboxMessages inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/inbox")
    public String page(Model model) {
        model.addAttribute("messages", inbox.forUser(login(), PAGE));
        return "inbox";
    }

    @PostMapping("/inbox/{id}/read")
    public String markRead(@PathVariable long id) {
        inbox.markRead(login(), id);
        return "redirect:/inbox";
    }

    @GetMapping("/api/inbox")
    @ResponseBody
    @Operation(summary = "The caller's messages and every room's, newest first")
    public List<InboxMessages.InboxItem> list() {
        return inbox.forUser(login(), PAGE);
    }

    @PostMapping("/api/inbox/{id}/read")
    @ResponseBody
    @Operation(summary = "Mark one of the caller's own messages read")
    public ResponseEntity<Void> apiMarkRead(@PathVariable long id) {
        return inbox.markRead(login(), id) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    private static String login() {
        return CurrentUser.get().orElseThrow().login();
    }
}

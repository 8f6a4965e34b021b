package org.agencyworkspace.web;

import org.agencyworkspace.health.ConnectorStatusService;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the connected apps with their live status, and the person's unread count. */
@Controller
public class HomeController {

    private final ConnectorStatusService statuses;
    private final InboxMessages inbox;

    public HomeController(ConnectorStatusService statuses, InboxMessages inbox) {
        this.statuses = statuses;
        this.inbox = inbox;
    }

    @GetMapping("/")
    public String home(Model model) {
        WorkspaceUser user = CurrentUser.get().orElseThrow();
        model.addAttribute("apps", statuses.all());
        model.addAttribute("unread", inbox.unreadCount(user.login()));
        return "home";
    }

    /** The app tiles alone, refreshed by the page every few seconds. */
    @GetMapping("/status/apps")
    public String appTiles(Model model) {
        model.addAttribute("apps", statuses.all());
        return "home :: apps";
    }
}

package org.agencyworkspace.officialdocs.exchange;

import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The exchange status page for registry clerks: what was sent and acknowledged, what came in. */
@Controller
@ConditionalOnProperty(prefix = "workspace.exchange", name = "code")
class ExchangePageController {

    private final ExchangeDesk desk;
    private final WorkspaceProperties workspace;

    ExchangePageController(ExchangeDesk desk, WorkspaceProperties workspace) {
        this.desk = desk;
        this.workspace = workspace;
    }

    @GetMapping("/exchange")
    String page(Model model) {
        WorkspaceUser user = CurrentUser.get().orElseThrow(() -> new ExchangeRefusedException(Kind.UNAUTHENTICATED,
                "sign in first"));
        model.addAttribute("outgoing", desk.outgoing(user));
        model.addAttribute("incoming", desk.incoming(user));
        model.addAttribute("zone", workspace.timeZone());
        return "exchange/index";
    }
}

package org.agencyworkspace.web;

import org.agencyworkspace.security.SecurityProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: the password form locally, a single sign-on button with OIDC. */
@Controller
public class LoginController {

    private final SecurityProperties security;

    public LoginController(SecurityProperties security) {
        this.security = security;
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("oidc", security.mode() == SecurityProperties.Mode.OIDC);
        return "login/login";
    }
}

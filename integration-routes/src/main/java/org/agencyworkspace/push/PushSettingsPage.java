package org.agencyworkspace.push;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The push settings page: this device on or off (in the page's script), the kinds, the devices. */
@Controller
public class PushSettingsPage {

    private final PushDevices devices;

    public PushSettingsPage(PushDevices devices) {
        this.devices = devices;
    }

    @GetMapping("/settings/push")
    public String page(Model model) {
        model.addAttribute("push", devices.view(login()));
        return "push";
    }

    @PostMapping("/settings/push")
    public String choose(@RequestParam(name = "category", required = false) List<String> categories,
            HttpServletRequest http) {
        try {
            devices.want(login(), categories == null ? List.of() : categories, http);
        } catch (PushRefusedException refused) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
        return "redirect:/settings/push?saved";
    }

    private static String login() {
        return CurrentUser.get().orElseThrow().login();
    }
}

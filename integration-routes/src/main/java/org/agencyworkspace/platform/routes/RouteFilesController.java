package org.agencyworkspace.platform.routes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The operators' page of route files and running routes. */
@Controller
public class RouteFilesController {

    private final RouteFilesApi routes;

    public RouteFilesController(RouteFilesApi routes) {
        this.routes = routes;
    }

    @GetMapping("/admin/routes")
    public String page(Model model) {
        model.addAttribute("overview", routes.overview());
        return "admin/routes";
    }

    @PostMapping("/admin/routes/rescan")
    public String rescan() {
        routes.rescan();
        return "redirect:/admin/routes";
    }
}

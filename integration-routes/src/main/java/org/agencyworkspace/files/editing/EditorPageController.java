package org.agencyworkspace.files.editing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "open in editor" page, {@code GET /files/edit?path=…}: the file's label as a banner above
 * and below the editor's frame, the editor started by form-posting the access token into the
 * frame (Collabora) or by ONLYOFFICE's {@code api.js} with the signed config. The page's
 * content security policy admits exactly the configured editor.
 */
@Controller
public class EditorPageController {

    private final EditingSessions sessions;
    private final StepUp stepUp;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public EditorPageController(EditingSessions sessions, StepUp stepUp,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.sessions = sessions;
        this.stepUp = stepUp;
        this.json = json;
    }

    @GetMapping("/files/edit")
    public String edit(@RequestParam String path, @RequestParam(defaultValue = "edit") String mode,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale)
            throws IOException {
        WorkspaceUser user = CurrentUser.get().orElseThrow(
                () -> new IllegalStateException("editing is for signed-in people only"));
        EditingSessions.Check check = sessions.check(FilePath.of(path), user);
        if (check.stepUpRequired()) {
            // answered by StepUpChallenges: re-authenticate, then back to this page
            stepUp.require();
        }
        EditingSessions.Launch launch = sessions.open(check, user, !"view".equals(mode), locale);
        String editorOrigin = origin(URI.create(launch.editorUrl()));
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                + "style-src 'self'; script-src 'self' " + editorOrigin + "; frame-src " + editorOrigin
                + "; object-src 'none'; base-uri 'self'; form-action 'self' " + editorOrigin
                + "; frame-ancestors 'none'");
        model.addAttribute("launch", launch);
        model.addAttribute("fileName", FilePath.of(launch.path()).name());
        model.addAttribute("onlyofficeConfig", launch.onlyofficeConfig() == null ? null
                : json.writeValueAsString(launch.onlyofficeConfig()));
        return "files/editor";
    }

    @ExceptionHandler(EditingRefusedException.class)
    String refused(EditingRefusedException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status());
        model.addAttribute("reason", "EDITING");
        model.addAttribute("detail", e.getMessage());
        return "files/refused";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String invalid(IllegalArgumentException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("reason", "INVALID");
        model.addAttribute("detail", e.getMessage());
        return "files/refused";
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}

package org.agencyworkspace.files.editing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUpGate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts an editing session for a file: {@code POST /api/files/editing/sessions} with
 * {@code {"path": "/…/報告.docx", "mode": "edit"}}. The answer carries what a page needs to
 * start the editor: the editor's URL from discovery (with {@code WOPISrc}), the access token and
 * its expiry (to form-post into the editor's frame), or ONLYOFFICE's signed config. A level that
 * asks for a step-up needs a recent re-authentication in the same session first.
 */
@RestController
@Tag(name = "Office editing")
public class EditingApi {

    /**
     * @param path the file
     * @param mode {@code edit} (default) or {@code view}
     */
    public record SessionRequest(String path, String mode) {
    }

    private final EditingSessions sessions;
    private final StepUpGate stepUp;
    private final OnlyOfficeCallbacks onlyOffice;

    public EditingApi(EditingSessions sessions, StepUpGate stepUp, OnlyOfficeCallbacks onlyOffice) {
        this.sessions = sessions;
        this.stepUp = stepUp;
        this.onlyOffice = onlyOffice;
    }

    @PostMapping("/api/files/editing/forcesave")
    @Operation(summary = "Ask ONLYOFFICE to save the file's open document now (command service "
            + "forcesave; the result is saved when its callback arrives). Answers the command "
            + "service's error code: 0 done, 4 nothing changed since the last save")
    public java.util.Map<String, Integer> forceSave(@RequestBody SessionRequest body) {
        WorkspaceUser user = CurrentUser.get().orElseThrow(
                () -> new EditingRefusedException(401, "sign in first"));
        if (body == null || body.path() == null || body.path().isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        EditingSessions.Check check = sessions.check(FilePath.of(body.path()), user);
        String fileId = sessions.fileIdOf(check.file());
        return java.util.Map.of("error", onlyOffice.forceSave(fileId, user, check.file().path().toString()));
    }

    @PostMapping("/api/files/editing/sessions")
    @Operation(summary = "Open a file in the configured browser editor (Collabora Online or "
            + "ONLYOFFICE by file type): editor URL, WOPISrc, access token and access_token_ttl")
    public ResponseEntity<Object> open(@RequestBody SessionRequest body, HttpServletRequest request,
            Locale locale) {
        WorkspaceUser user = CurrentUser.get().orElseThrow(
                () -> new EditingRefusedException(401, "sign in first"));
        if (body == null || body.path() == null || body.path().isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        String mode = body.mode() == null ? "edit" : body.mode();
        if (!mode.equals("edit") && !mode.equals("view")) {
            throw new IllegalArgumentException("mode must be edit or view, not " + mode);
        }
        FilePath path = FilePath.of(body.path());
        EditingSessions.Check check = sessions.check(path, user);
        if (check.stepUpRequired() && !stepUp.status(request).satisfied()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "a recent re-authentication is required for this file: open the editor page first");
            problem.setTitle("Step-up required");
            problem.setProperty("editorPage", "/files/edit?path=" + URLEncoder.encode(path.toString(), StandardCharsets.UTF_8));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(sessions.open(check, user, mode.equals("edit"), locale));
    }

}

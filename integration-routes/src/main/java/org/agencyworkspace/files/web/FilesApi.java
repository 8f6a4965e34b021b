package org.agencyworkspace.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files and their labels for scripts and the pages: list a folder, upload, set or change a label
 * (a downgrade waits for approval), approve or turn down downgrades. Content is served by
 * {@code GET /files/content} (see {@link FileContentController}), never here.
 */
@RestController
@RequestMapping("/api/files")
@Tag(name = "Files")
public class FilesApi {

    /**
     * Why a downgrade is turned down.
     *
     * @param note shown in the audit trail
     */
    public record Rejection(String note) {
    }

    private final FileBrowser browser;
    private final FileStore store;
    private final FileLabels labels;
    private final FileUploads uploads;
    private final ClassificationScheme scheme;

    public FilesApi(FileBrowser browser, FileStore store, FileLabels labels, FileUploads uploads,
            ClassificationScheme scheme) {
        this.browser = browser;
        this.store = store;
        this.labels = labels;
        this.uploads = uploads;
        this.scheme = scheme;
    }

    @GetMapping
    @Operation(summary = "A folder's files and folders, each with its level (own or inherited); "
            + "an item you may not read shows only as restricted (no name, no label), and not at "
            + "all at levels that name who needs to know")
    public List<FileEntry> list(@RequestParam(defaultValue = "/") String path) {
        return browser.list(FilePath.of(path), user());
    }

    @GetMapping("/entry")
    @Operation(summary = "One file or folder with its label; 403 when restricted for you, 404 "
            + "when there is none or you may not know of it")
    public FileEntry entry(@RequestParam String path) {
        return browser.find(FilePath.of(path), user()).orElseThrow(() -> notFound(path));
    }

    @PutMapping("/label")
    @Operation(summary = "Set or change a file's or folder's label; a change that could end or "
            + "weaken protection (lower level, earlier or new declassification date or condition, "
            + "other readers or groups, another classifier, a changed reason on a provisional "
            + "label) waits for a second person's approval (status PENDING_APPROVAL, with why)")
    public FileLabels.Outcome label(@RequestParam String path, @RequestBody LabelRequest request) {
        StoredFile file = store.find(FilePath.of(path)).orElseThrow(() -> notFound(path));
        return labels.label(file, request, user());
    }

    @PostMapping("/upload")
    @Operation(summary = "Store the request body at path. A file takes the label asked for "
            + "(level, reason, declassify-condition or declassify-on) or else its folder's; "
            + "a label the workspace refuses stores nothing")
    public FileEntry upload(@RequestParam String path,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String reason,
            @RequestParam(name = "declassify-condition", required = false) String condition,
            @RequestParam(name = "declassify-on", required = false) LocalDate declassifyOn,
            HttpServletRequest request) throws IOException {
        FilePath target = FilePath.of(path);
        WorkspaceUser user = user();
        LabelRequest asked = level == null ? null
                : new LabelRequest(level, reason, null, declassifyOn, condition, false, null, null);
        StoredFile stored = uploads.store(target, request.getInputStream(), asked, user);
        return browser.find(stored.path(), user).orElseThrow(() -> notFound(path));
    }

    @GetMapping("/label-changes")
    @Operation(summary = "Label changes that weaken protection (downgrades, earlier or new "
            + "declassification, other readers or classifier) waiting for a second person's "
            + "approval: those you asked for or may decide")
    public List<LabelRecords.Change> pending() {
        return labels.pendingFor(user());
    }

    @PostMapping("/label-changes/{id}/approve")
    @Operation(summary = "Approve a label change someone else asked for")
    public FileLabels.Outcome approve(@PathVariable String id) {
        return labels.approve(id, user());
    }

    @PostMapping("/label-changes/{id}/reject")
    @Operation(summary = "Turn a label change down; the label stays")
    public FileLabels.Outcome reject(@PathVariable String id, @RequestBody Rejection rejection) {
        return labels.reject(id, user(), rejection.note());
    }

    @GetMapping("/levels")
    @Operation(summary = "The classification levels, lowest first, with their handling rules")
    public List<ClassificationLevel> levels() {
        return scheme.levels();
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }

    private static ResponseStatusException notFound(String path) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no file " + path);
    }
}

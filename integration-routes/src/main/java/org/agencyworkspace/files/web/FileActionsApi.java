package org.agencyworkspace.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.manage.FileOperations;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Organising files over HTTP, with the same rules as the file page ({@link FileOperations}):
 * new folder, rename, move, copy, delete into the trash, restore, and search. A refusal is an RFC
 * 9457 problem: 404 for what the person may not know of, 403 for what is restricted or not theirs
 * to change, 409 when something is in the way, 422 for a labelled item deleted without a reason.
 */
@RestController
@RequestMapping("/api/files")
@Tag(name = "Files")
public class FileActionsApi {

    private final FileOperations operations;
    private final FileBrowser browser;

    public FileActionsApi(FileOperations operations, FileBrowser browser) {
        this.operations = operations;
        this.browser = browser;
    }

    @PostMapping("/folders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make a folder named name in the folder at path; it takes that folder's label")
    public FileEntry createFolder(@RequestParam String path, @RequestParam String name) {
        WorkspaceUser user = user();
        return entry(operations.createFolder(FilePath.of(path), name, user), user);
    }

    @PostMapping("/rename")
    @Operation(summary = "Rename a file or folder where it is")
    public FileEntry rename(@RequestParam String path, @RequestParam String name) {
        WorkspaceUser user = user();
        return entry(operations.rename(FilePath.of(path), name, user), user);
    }

    @PostMapping("/move")
    @Operation(summary = "Move a file or folder into the folder at to; its label goes with it and"
            + " is never lowered by where it lands")
    public FileEntry move(@RequestParam String path, @RequestParam String to) {
        WorkspaceUser user = user();
        return entry(operations.move(FilePath.of(path), FilePath.of(to), user), user);
    }

    @PostMapping("/copy")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Copy a file into the folder at to; the copy is yours and carries at least"
            + " the source's label")
    public FileEntry copy(@RequestParam String path, @RequestParam String to) {
        WorkspaceUser user = user();
        return entry(operations.copy(FilePath.of(path), FilePath.of(to), user), user);
    }

    @PostMapping("/delete")
    @Operation(summary = "Move a file or folder into your trash; a labelled one needs a reason")
    public FileOperations.Trashed delete(@RequestParam String path,
            @RequestParam(required = false) String reason) {
        return operations.delete(FilePath.of(path), reason, user());
    }

    @GetMapping("/trash")
    @Operation(summary = "What you deleted and may restore (everyone's, for administrators)")
    public List<FileOperations.Trashed> trash() {
        return operations.trash(user());
    }

    @PostMapping("/trash/{id}/restore")
    @Operation(summary = "Put a deleted item back where it was; 409 when something else is there")
    public FileEntry restore(@PathVariable String id) {
        WorkspaceUser user = user();
        return entry(operations.restore(id, user), user);
    }

    @GetMapping("/search")
    @Operation(summary = "Files and folders you may read whose name contains q, optionally of one"
            + " level; nothing above your clearance is listed")
    public List<FileEntry> search(@RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String level) {
        return browser.search(q, level, user());
    }

    private FileEntry entry(StoredFile file, WorkspaceUser user) {
        return browser.find(file.path(), user).orElseThrow();
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}

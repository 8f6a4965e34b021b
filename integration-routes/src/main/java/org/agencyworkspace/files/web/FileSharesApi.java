package org.agencyworkspace.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.agencyworkspace.files.shares.FileSharing;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Label-aware sharing: a share the file's level forbids is refused before it exists (the share
 * guard removes those made in Nextcloud directly); creation, change and removal are audited.
 */
@RestController
@RequestMapping("/api/files/shares")
@Tag(name = "Files")
public class FileSharesApi {

    /**
     * A share's new last day or password; what is left out stays as it is.
     *
     * @param expires the last day it works
     * @param password the link's new password (8 to 200 characters); never recorded
     */
    public record ShareChange(LocalDate expires, String password) {
    }

    private final FileSharing sharing;

    public FileSharesApi(FileSharing sharing) {
        this.sharing = sharing;
    }

    @GetMapping
    @Operation(summary = "The file's shares")
    public List<FileShare> list(@RequestParam String path) {
        return sharing.list(FilePath.of(path), user());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Share a file (type USER, GROUP, PUBLIC_LINK or EXTERNAL for an e-mail "
            + "address); refused with 403 where its level forbids it")
    public FileShare create(@RequestParam String path, @RequestBody ShareRequest request) {
        return sharing.create(FilePath.of(path), request, user());
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a share's last day or password")
    public FileShare change(@RequestParam String path, @PathVariable String id,
            @RequestBody ShareChange change) {
        return sharing.change(FilePath.of(path), id, change.expires(), change.password(), user());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a share")
    public void remove(@RequestParam String path, @PathVariable String id) {
        sharing.remove(FilePath.of(path), id, user());
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}

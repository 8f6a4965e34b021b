package org.agencyworkspace.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Folder write grants, for administrators: who besides a file's owner may overwrite the files
 * below a folder. Reading still follows the labels.
 */
@RestController
@RequestMapping("/api/admin/files/write-grants")
@Tag(name = "Files")
public class WriteGrantsApi {

    private final FileWriteAccess access;

    public WriteGrantsApi(FileWriteAccess access) {
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "The write grants on a folder")
    public List<FileWriteAccess.Grant> list(@RequestParam String path) {
        return access.grants(FilePath.of(path), user());
    }

    @PutMapping
    @Operation(summary = "Let a person (kind PERSON, a login) or a group (kind GROUP, a department "
            + "code) overwrite every file below a folder")
    public FileWriteAccess.Grant grant(@RequestParam String path,
            @RequestParam FileWriteAccess.GranteeKind kind, @RequestParam String grantee) {
        return access.grant(FilePath.of(path), kind, grantee, user());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a write grant back")
    public void revoke(@RequestParam String path, @RequestParam FileWriteAccess.GranteeKind kind,
            @RequestParam String grantee) {
        access.revoke(FilePath.of(path), kind, grantee, user());
    }

    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}

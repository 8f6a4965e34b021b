package org.agencyworkspace.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, as the workspace sees them. */
@RestController
@RequestMapping("/api/me")
@Tag(name = "Identity")
public class MeApi {

    @GetMapping
    @Operation(summary = "The signed-in person: login, name, roles, departments and clearance")
    public WorkspaceUser me() {
        return CurrentUser.get().orElseThrow();
    }
}

package org.agencyworkspace.security;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The signed-in person as the workspace sees them, whichever way they signed in.
 *
 * @param login sign-in name ({@code preferred_username} with OIDC)
 * @param displayName name to greet them with
 * @param roles realm or local roles, lower case ({@code staff}, {@code admin}, ...)
 * @param departments department codes
 * @param clearance clearance level name, {@code unmarked} when none is known
 */
public record WorkspaceUser(String login, String displayName, List<String> roles,
        List<String> departments, String clearance) implements Serializable {

    public WorkspaceUser {
        Objects.requireNonNull(login, "login");
        displayName = displayName == null || displayName.isBlank() ? login : displayName;
        roles = List.copyOf(roles);
        departments = List.copyOf(departments);
        clearance = clearance == null || clearance.isBlank() ? "unmarked" : clearance;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}

package org.agencyworkspace.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Reads the {@link WorkspaceUser} from whatever authentication the request carries: a local
 * sign-in, an OIDC session or a bearer token. Each sign-in path stores a {@link WorkspaceUser}
 * as (or inside) its principal through {@link WorkspacePrincipal}.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The signed-in user of this thread's request, when sign-in is complete. */
    public static Optional<WorkspaceUser> get() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<WorkspaceUser> from(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || !hasAuthority(authentication.getAuthorities(), Authorities.WORKSPACE_USER)) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof WorkspacePrincipal principal) {
            return Optional.of(principal.workspaceUser());
        }
        if (authentication instanceof WorkspacePrincipal principal) {
            return Optional.of(principal.workspaceUser());
        }
        return Optional.of(new WorkspaceUser(authentication.getName(), null, List.of(), List.of(),
                null));
    }

    /** The login for audit records: the user's, or {@code anonymous}. */
    public static String loginOrAnonymous() {
        return get().map(WorkspaceUser::login).orElse("anonymous");
    }

    private static boolean hasAuthority(Collection<? extends GrantedAuthority> authorities,
            String name) {
        return authorities.stream().anyMatch(authority -> name.equals(authority.getAuthority()));
    }
}

package org.agencyworkspace.reviews;

import java.io.Serializable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A signed-in guest reviewer. Not a {@link org.agencyworkspace.security.WorkspacePrincipal}:
 * a guest is not staff, has no department, roles or clearance, and {@code CurrentUser} never
 * sees one.
 *
 * @param signedInBy how the sign-in was proved ({@code email-code} or {@code totp})
 */
public record GuestPrincipal(String guestId, String email, String displayName, String signedInBy)
        implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return "guest:" + guestId;
    }
}

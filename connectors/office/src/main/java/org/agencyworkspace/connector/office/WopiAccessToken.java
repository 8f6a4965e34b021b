package org.agencyworkspace.connector.office;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one WOPI access token grants: one user, one file, some permissions, until a time.
 *
 * @param user the user's login
 * @param fileId the WOPI file id it is good for
 * @param permissions what the user may do in the editor
 * @param session the editing session it was issued for (audit)
 * @param expiresAt when it stops working ({@code access_token_ttl})
 */
public record WopiAccessToken(String user, String fileId, Set<EditorPermission> permissions,
        String session, Instant expiresAt) {

    public WopiAccessToken {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(expiresAt, "expiresAt");
        // Tokens carry whole seconds; the grant says so too, so access_token_ttl matches the token.
        expiresAt = expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public boolean allows(EditorPermission permission) {
        return permissions.contains(permission);
    }

    /** {@code access_token_ttl}: the expiry in milliseconds since the Unix epoch (not a duration). */
    public long ttlMillis() {
        return expiresAt.toEpochMilli();
    }
}

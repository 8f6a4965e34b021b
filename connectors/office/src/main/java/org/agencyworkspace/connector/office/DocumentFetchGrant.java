package org.agencyworkspace.connector.office;

import java.time.Instant;
import java.util.Objects;

/**
 * What a document fetch token grants: the editor's server may download one file, for one
 * editing session, until a time minutes away. It opens no WOPI operation and carries no
 * permissions; a WOPI access token is no fetch token either.
 *
 * @param user the login of who opened the session
 * @param fileId the file it is good for
 * @param session the editing session
 * @param expiresAt when it stops working
 */
public record DocumentFetchGrant(String user, String fileId, String session, Instant expiresAt) {

    public DocumentFetchGrant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(session, "session");
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt")
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}

package org.agencyworkspace.connector.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One signed-in session of an account ({@code UserSessionRepresentation}).
 *
 * @param id the session id
 * @param ipAddress the address the session started from; null when Keycloak did not record it
 * @param started when the user signed in
 * @param lastAccess when the session was last used (sign-in, token refresh)
 * @param clientIds the client ids (not UUIDs) the session has signed in to
 */
public record UserSession(String id, String ipAddress, Instant started, Instant lastAccess,
        List<String> clientIds) {

    public UserSession {
        Objects.requireNonNull(id, "id");
        clientIds = List.copyOf(clientIds);
    }
}

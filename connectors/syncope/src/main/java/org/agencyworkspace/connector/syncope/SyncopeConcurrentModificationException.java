package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * The user changed since its {@code ETag} was read: Syncope refused an update sent with
 * {@code If-Match} (HTTP 412, {@code ConcurrentModification}) and changed nothing. Read the user
 * again, apply the change to what it is now and send it with the new {@code ETag}; sending the
 * same request again fails the same way.
 */
public final class SyncopeConcurrentModificationException extends SyncopeRefusedException {

    private static final long serialVersionUID = 1L;

    public SyncopeConcurrentModificationException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(summary, status, sanitizedUri, errorCodes, errorInfo);
    }
}

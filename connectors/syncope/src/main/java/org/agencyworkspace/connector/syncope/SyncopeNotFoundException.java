package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * The entity does not exist ({@code NotFound}, HTTP 404). Reads report it as an empty result
 * instead; writes throw it, e.g. when the user to update is gone or a group named in a
 * membership does not exist.
 */
public final class SyncopeNotFoundException extends SyncopeRefusedException {

    private static final long serialVersionUID = 1L;

    public SyncopeNotFoundException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(summary, status, sanitizedUri, errorCodes, errorInfo);
    }
}

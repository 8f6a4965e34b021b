package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * The service account may not do this: its credentials were refused (HTTP 401, after one fresh
 * login in JWT mode), it lacks the entitlement (HTTP 403), or the entity lies outside the realms
 * it administers ({@code DelegatedAdministration}, HTTP 403).
 */
public final class SyncopeAccessDeniedException extends SyncopeRefusedException {

    private static final long serialVersionUID = 1L;

    public SyncopeAccessDeniedException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(summary, status, sanitizedUri, errorCodes, errorInfo);
    }
}

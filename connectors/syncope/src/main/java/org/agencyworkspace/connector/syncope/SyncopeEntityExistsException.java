package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * An entity with that unique value already exists ({@code EntityExists}, HTTP 409), e.g. a create
 * for a username that is taken. A create retried after a lost answer ends here: the caller can
 * look the user up and treat the create as already done.
 */
public final class SyncopeEntityExistsException extends SyncopeRefusedException {

    private static final long serialVersionUID = 1L;

    public SyncopeEntityExistsException(String summary, int status, String sanitizedUri,
            List<String> errorCodes, List<String> errorInfo) {
        super(summary, status, sanitizedUri, errorCodes, errorInfo);
    }
}

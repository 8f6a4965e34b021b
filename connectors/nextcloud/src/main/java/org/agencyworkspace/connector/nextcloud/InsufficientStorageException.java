package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * HTTP 507: the account's quota (or the server's disk) has no room for the write. Nothing
 * a retry can fix until space is freed.
 */
public class InsufficientStorageException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    InsufficientStorageException(String summary, int status, String sanitizedUri,
            String serverMessage) {
        super(SardineNextcloudConnector.NAME, summary, status, sanitizedUri, serverMessage, null);
    }
}

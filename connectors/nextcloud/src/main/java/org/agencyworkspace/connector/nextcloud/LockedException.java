package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * HTTP 423: the file is locked (a WebDAV lock, Nextcloud's files_lock app or an office
 * editor holds it). Permanent for this call; a later attempt may succeed once the lock is
 * released, which a route can decide to wait for.
 */
public class LockedException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    LockedException(String summary, int status, String sanitizedUri,
            String serverMessage) {
        super(SardineNextcloudConnector.NAME, summary, status, sanitizedUri, serverMessage, null);
    }
}

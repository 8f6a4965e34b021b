package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * HTTP 409 on a write: the folder it writes into does not exist. Create it with
 * {@link NextcloudFiles#createFolder} first.
 */
public class ParentMissingException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    ParentMissingException(String summary, int status, String sanitizedUri,
            String serverMessage) {
        super(SardineNextcloudConnector.NAME, summary, status, sanitizedUri, serverMessage, null);
    }
}

package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * HTTP 404: the file, folder, share or tag does not exist (or this account
 * cannot see it).
 */
public class NotFoundException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String summary, int status, String sanitizedUri,
            String serverMessage) {
        super(SardineNextcloudConnector.NAME, summary, status, sanitizedUri, serverMessage, null);
    }
}

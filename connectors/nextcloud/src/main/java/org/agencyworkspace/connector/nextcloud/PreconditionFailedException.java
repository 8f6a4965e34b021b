package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * HTTP 412: the write's {@link WriteCondition} did not hold. The target changed since its
 * {@code ETag} was read ({@code If-Match}), exists although it had to be absent
 * ({@code If-None-Match: *}), or a move or copy without overwrite found its destination taken.
 * Read the target again and decide; repeating the same call fails the same way.
 */
public class PreconditionFailedException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    PreconditionFailedException(String summary, int status, String sanitizedUri,
            String serverMessage) {
        super(SardineNextcloudConnector.NAME, summary, status, sanitizedUri, serverMessage, null);
    }
}

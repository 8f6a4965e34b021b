package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.PermanentConnectorException;

/**
 * Nextcloud answered with an OCS envelope that refuses the request. Repeating the same call will
 * fail the same way. {@link #ocsStatus()} is the envelope's {@code meta.statuscode}: 997 for
 * credentials that are wrong or lack the rights, 403 for a forbidden action, and the
 * method-specific codes listed on {@link NextcloudProvisioning}; {@link #serverMessage()} starts
 * with it and carries Nextcloud's {@code meta.message}.
 */
public class OcsRefusedException extends PermanentConnectorException {

    private static final long serialVersionUID = 1L;

    private final int ocsStatus;

    OcsRefusedException(String summary, int httpStatus, String sanitizedUri, int ocsStatus,
            String ocsMessage) {
        super(SardineNextcloudConnector.NAME, summary, httpStatus, sanitizedUri,
                OcsAnswer.describe(ocsStatus, ocsMessage), null);
        this.ocsStatus = ocsStatus;
    }

    /** The OCS {@code meta.statuscode} of the refusal. */
    public int ocsStatus() {
        return ocsStatus;
    }
}

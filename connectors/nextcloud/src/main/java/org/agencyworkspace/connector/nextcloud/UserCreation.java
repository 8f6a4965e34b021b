package org.agencyworkspace.connector.nextcloud;

/** What {@link NextcloudProvisioning#createUser} found. */
public enum UserCreation {
    /** The account was created with everything asked for. */
    CREATED,
    /**
     * The id was already taken (OCS 102); nothing was changed. The existing account's other
     * attributes may differ from what was asked.
     */
    ALREADY_EXISTS,
    /**
     * The account was created but Nextcloud could not send the welcome mail (OCS 109, sent by
     * older servers; newer ones log the failure and answer as for {@link #CREATED}).
     */
    CREATED_MAIL_FAILED
}

package org.agencyworkspace.connector.nextcloud;

/** What {@link NextcloudProvisioning#addToGroup} or {@code removeFromGroup} found. */
public enum MembershipChange {
    /** The user is (or is no longer) a member now; it may already have been. */
    DONE,
    /** Nextcloud has no such user (OCS 103); nothing was changed. */
    NO_SUCH_USER,
    /** Nextcloud has no such group (OCS 102); nothing was changed. */
    NO_SUCH_GROUP
}

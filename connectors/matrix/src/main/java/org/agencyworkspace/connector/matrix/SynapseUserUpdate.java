package org.agencyworkspace.connector.matrix;

/**
 * What {@link SynapseAdmin#createOrUpdateUser} sets on an account. A null component leaves that
 * attribute as it is on an existing account, and at Synapse's default on a new one. Start from
 * {@link #of(String)} and add what should change.
 *
 * @param userId full user id, {@code @localpart:server}; build new ones with
 *     {@link MatrixUserId#of}
 * @param displayName display name; a new account gets its localpart when null
 * @param email the account's only e-mail address, replacing any others; Synapse stores it in lower
 *     case
 * @param admin whether the account is a server admin; a new account is not when null
 * @param reactivate true to make a deactivated account active again; false leaves the status as
 *     it is. Reactivation restores neither rooms nor e-mail addresses nor the password, which
 *     deactivation removed: set them in the same update
 * @param password a new password, or null to keep the current one (a new account without one can
 *     sign in only through single sign-on). Setting it on an existing account logs out all its
 *     devices
 */
public record SynapseUserUpdate(String userId, String displayName, String email, Boolean admin,
        boolean reactivate, String password) {

    public SynapseUserUpdate {
        MatrixUserId.requireUserId(userId);
        if (email != null && email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank; use null to keep it");
        }
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty; use null to keep it");
        }
    }

    /** An update of {@code userId} that changes nothing yet (creates the account if missing). */
    public static SynapseUserUpdate of(String userId) {
        return new SynapseUserUpdate(userId, null, null, null, false, null);
    }

    /** The same update, also setting the display name. */
    public SynapseUserUpdate withDisplayName(String displayName) {
        return new SynapseUserUpdate(userId, displayName, email, admin, reactivate, password);
    }

    /** The same update, also making {@code email} the account's only e-mail address. */
    public SynapseUserUpdate withEmail(String email) {
        return new SynapseUserUpdate(userId, displayName, email, admin, reactivate, password);
    }

    /** The same update, also granting or taking away server-admin rights. */
    public SynapseUserUpdate withAdmin(boolean admin) {
        return new SynapseUserUpdate(userId, displayName, email, admin, reactivate, password);
    }

    /** The same update, also making a deactivated account active again. */
    public SynapseUserUpdate reactivating() {
        return new SynapseUserUpdate(userId, displayName, email, admin, true, password);
    }

    /** The same update, also setting a password (an existing account is logged out). */
    public SynapseUserUpdate withPassword(String password) {
        return new SynapseUserUpdate(userId, displayName, email, admin, reactivate, password);
    }

    /** Shows whether a password is set, never the password. */
    @Override
    public String toString() {
        return "SynapseUserUpdate[userId=" + userId + ", displayName=" + displayName + ", email="
                + email + ", admin=" + admin + ", reactivate=" + reactivate + ", password="
                + (password == null ? "unchanged" : "******") + "]";
    }
}

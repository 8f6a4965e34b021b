package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link NextcloudShares#create} sends. Start from one of the factories and add what is
 * needed; null components are not sent, so Nextcloud's defaults apply (all permissions for
 * accounts and groups, read only for links).
 *
 * @param path what to share, below the signed-in account's files root
 * @param type who to share with
 * @param shareWith user id, group id, e-mail address or federated cloud id; null for links
 * @param permissions the permissions to grant; null for Nextcloud's default
 * @param password the link's or e-mail share's password; null for none
 * @param expireDate the last day the share works; null for the server's default
 * @param note a note to the recipient; null for none
 */
public record NewShare(FilePath path, ShareType type, String shareWith,
        Set<SharePermission> permissions, String password, LocalDate expireDate, String note) {

    public NewShare {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.isRoot()) {
            throw new IllegalArgumentException("the files root cannot be shared");
        }
        if (type == ShareType.OTHER) {
            throw new IllegalArgumentException("choose a known share type");
        }
        if (type != ShareType.PUBLIC_LINK && (shareWith == null || shareWith.isBlank())) {
            throw new IllegalArgumentException("shareWith required for " + type);
        }
        permissions = permissions == null ? null : Set.copyOf(permissions);
    }

    /** Share with another account of this Nextcloud. */
    public static NewShare withUser(FilePath path, String userId) {
        return new NewShare(path, ShareType.USER, userId, null, null, null, null);
    }

    /** Share with a group. */
    public static NewShare withGroup(FilePath path, String groupId) {
        return new NewShare(path, ShareType.GROUP, groupId, null, null, null, null);
    }

    /** A public link. */
    public static NewShare publicLink(FilePath path) {
        return new NewShare(path, ShareType.PUBLIC_LINK, null, null, null, null, null);
    }

    /** A link mailed to {@code email}. */
    public static NewShare byEmail(FilePath path, String email) {
        return new NewShare(path, ShareType.EMAIL, email, null, null, null, null);
    }

    /** Share with an account on another server, {@code user@server}. */
    public static NewShare federated(FilePath path, String cloudId) {
        return new NewShare(path, ShareType.FEDERATED, cloudId, null, null, null, null);
    }

    public NewShare withPermissions(Set<SharePermission> permissions) {
        return new NewShare(path, type, shareWith, permissions, password, expireDate, note);
    }

    public NewShare withPassword(String password) {
        return new NewShare(path, type, shareWith, permissions, password, expireDate, note);
    }

    public NewShare expiringAfter(LocalDate expireDate) {
        return new NewShare(path, type, shareWith, permissions, password, expireDate, note);
    }

    public NewShare withNote(String note) {
        return new NewShare(path, type, shareWith, permissions, password, expireDate, note);
    }

    /** Masks the password. */
    @Override
    public String toString() {
        return "NewShare[path=" + path + ", type=" + type + ", shareWith=" + shareWith
                + ", permissions=" + permissions + ", password="
                + (password == null ? "none" : "******") + ", expireDate=" + expireDate + "]";
    }
}

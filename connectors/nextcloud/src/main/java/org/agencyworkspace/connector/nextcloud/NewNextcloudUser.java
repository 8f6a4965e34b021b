package org.agencyworkspace.connector.nextcloud;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NextcloudProvisioning#createUser} sends. Null components are not sent, so
 * Nextcloud's defaults apply. Start from {@link #of(String)} and add what is needed; a password
 * or an e-mail is required.
 *
 * @param userId the new user id; Nextcloud's own user backend accepts letters, digits, spaces and
 *     {@code _.@-'}
 * @param password the initial password, or null to have Nextcloud mail a set-password link to
 *     {@code email}
 * @param displayName the name shown in Nextcloud; the id when null
 * @param email the primary e-mail address; Nextcloud mails the new user a welcome message
 * @param groups ids of existing groups to add the account to
 * @param quota storage quota such as {@code 5 GB}, {@code none} or {@code default}
 * @param language a language code Nextcloud knows, such as {@code zh_TW} or {@code en}
 */
public record NewNextcloudUser(String userId, String password, String displayName, String email,
        List<String> groups, String quota, String language) {

    public NewNextcloudUser {
        OcsClient.pathSegment(userId, "userId");
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty; use null for none");
        }
        for (String optional : new String[] {displayName, email, quota, language}) {
            if (optional != null && optional.isBlank()) {
                throw new IllegalArgumentException(
                        "displayName, email, quota and language must not be blank; use null");
            }
        }
        groups = List.copyOf(groups);
        if (groups.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("group ids must not be blank");
        }
    }

    /** A new account with this id and nothing else set yet. */
    public static NewNextcloudUser of(String userId) {
        return new NewNextcloudUser(userId, null, null, null, List.of(), null, null);
    }

    /** The same account with an initial password. */
    public NewNextcloudUser withPassword(String password) {
        return new NewNextcloudUser(userId, password, displayName, email, groups, quota, language);
    }

    /** The same account with a display name. */
    public NewNextcloudUser withDisplayName(String displayName) {
        return new NewNextcloudUser(userId, password, displayName, email, groups, quota, language);
    }

    /** The same account with a primary e-mail address. */
    public NewNextcloudUser withEmail(String email) {
        return new NewNextcloudUser(userId, password, displayName, email, groups, quota, language);
    }

    /** The same account, member of these groups (which must exist). */
    public NewNextcloudUser withGroups(List<String> groups) {
        return new NewNextcloudUser(userId, password, displayName, email,
                Objects.requireNonNull(groups, "groups"), quota, language);
    }

    /** The same account with a storage quota. */
    public NewNextcloudUser withQuota(String quota) {
        return new NewNextcloudUser(userId, password, displayName, email, groups, quota, language);
    }

    /** The same account with a language. */
    public NewNextcloudUser withLanguage(String language) {
        return new NewNextcloudUser(userId, password, displayName, email, groups, quota, language);
    }

    /** Shows whether a password is set, never the password. */
    @Override
    public String toString() {
        return "NewNextcloudUser[userId=" + userId + ", password="
                + (password == null ? "none" : "******") + ", displayName=" + displayName
                + ", email=" + email + ", groups=" + groups + ", quota=" + quota + ", language="
                + language + "]";
    }
}

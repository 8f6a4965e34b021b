package org.agencyworkspace.connector.nextcloud;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One Nextcloud account as {@code GET /cloud/users/{userId}} describes it.
 *
 * @param id the user id (used in WebDAV paths; may differ from the login name)
 * @param enabled whether the account may log in
 * @param displayName the name shown in Nextcloud; null when the answer has none
 * @param email the primary e-mail address; null when none is set
 * @param groups ids of the groups the account is a member of
 * @param quota storage used and allowed
 * @param language the account's language code (e.g. {@code zh_TW}); null when the answer has none
 */
public record NextcloudUser(String id, boolean enabled, String displayName, String email,
        List<String> groups, Quota quota, String language) {

    public NextcloudUser {
        Objects.requireNonNull(id, "id");
        groups = List.copyOf(groups);
        Objects.requireNonNull(quota, "quota");
    }

    /**
     * Storage of one account.
     *
     * @param usedBytes bytes in use; 0 for an account that never logged in
     * @param limitBytes the quota in bytes; empty when unlimited, or when Nextcloud did not
     *     report a number (the server default applies, or storage could not be read)
     */
    public record Quota(long usedBytes, OptionalLong limitBytes) {

        public Quota {
            Objects.requireNonNull(limitBytes, "limitBytes");
        }
    }
}

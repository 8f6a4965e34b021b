package org.agencyworkspace.connector.matrix;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Synapse account as {@code GET /_synapse/admin/v2/users/{userId}} describes it.
 *
 * @param userId full user id, {@code @localpart:server}
 * @param displayName display name; null when the account has none (an erased account)
 * @param admin whether the account is a server admin
 * @param deactivated whether the account is deactivated (cannot log in, has no devices)
 * @param locked whether an admin locked the account (cannot log in, keeps its data)
 * @param createdAt when the account was registered; null when Synapse has no record of it
 * @param emails the e-mail addresses bound to the account (Synapse stores them in lower case)
 */
public record SynapseUser(String userId, String displayName, boolean admin, boolean deactivated,
        boolean locked, Instant createdAt, List<String> emails) {

    public SynapseUser {
        Objects.requireNonNull(userId, "userId");
        emails = List.copyOf(emails);
    }
}

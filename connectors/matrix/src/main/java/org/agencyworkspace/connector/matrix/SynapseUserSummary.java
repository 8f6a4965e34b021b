package org.agencyworkspace.connector.matrix;

import java.time.Instant;
import java.util.Objects;

/**
 * One account in a user listing ({@code GET /_synapse/admin/v2/users}); the listing carries no
 * e-mail addresses, {@link SynapseAdmin#findUser} does.
 *
 * @param userId full user id, {@code @localpart:server}
 * @param displayName display name; null when the account has none
 * @param admin whether the account is a server admin
 * @param deactivated whether the account is deactivated
 * @param locked whether an admin locked the account
 * @param createdAt when the account was registered; null when Synapse has no record of it
 */
public record SynapseUserSummary(String userId, String displayName, boolean admin,
        boolean deactivated, boolean locked, Instant createdAt) {

    public SynapseUserSummary {
        Objects.requireNonNull(userId, "userId");
    }
}

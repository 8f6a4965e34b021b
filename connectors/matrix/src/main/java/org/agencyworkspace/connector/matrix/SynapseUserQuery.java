package org.agencyworkspace.connector.matrix;

/**
 * One page of {@code GET /_synapse/admin/v2/users}. Guests are never listed; locked accounts
 * always are. Start from {@link #all(int)}; the next page comes from
 * {@link SynapseUserPage#next()}.
 *
 * @param from where the page starts: null for the first page, else a {@code next_token} Synapse
 *     handed out
 * @param limit at most this many users per page
 * @param includeDeactivated whether deactivated accounts are listed too
 * @param nameContaining only users whose id or display name contains this text; null for all
 */
public record SynapseUserQuery(String from, int limit, boolean includeDeactivated,
        String nameContaining) {

    public SynapseUserQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (nameContaining != null && nameContaining.isBlank()) {
            throw new IllegalArgumentException(
                    "nameContaining must not be blank; use null for all");
        }
    }

    /** The first page of every account, deactivated ones included, {@code pageSize} at a time. */
    public static SynapseUserQuery all(int pageSize) {
        return new SynapseUserQuery(null, pageSize, true, null);
    }

    /** The same query without deactivated accounts. */
    public SynapseUserQuery activeOnly() {
        return new SynapseUserQuery(from, limit, false, nameContaining);
    }

    /** The same query narrowed to ids or display names containing {@code text}. */
    public SynapseUserQuery withNameContaining(String text) {
        return new SynapseUserQuery(from, limit, includeDeactivated, text);
    }

    SynapseUserQuery startingAt(String nextToken) {
        return new SynapseUserQuery(nextToken, limit, includeDeactivated, nameContaining);
    }
}

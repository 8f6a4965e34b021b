package org.agencyworkspace.platform.audit;

/**
 * Filters for reading the audit trail; null fields match everything.
 *
 * @param actorId only events by this user
 * @param action only this action
 * @param targetId only events on this object
 * @param limit at most this many events (1 to 1000)
 */
public record AuditQuery(String actorId, String action, String targetId, int limit) {

    public AuditQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, limit);
    }
}

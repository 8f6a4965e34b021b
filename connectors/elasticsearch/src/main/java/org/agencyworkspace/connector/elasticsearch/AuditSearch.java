package org.agencyworkspace.connector.elasticsearch;

import java.time.Instant;

/**
 * Filters for searching audit events; null fields match everything. Newest first, a page at a
 * time; {@code (page + 1) * size} may not exceed 10,000 (Elasticsearch's window for from/size).
 *
 * @param userId {@code user.id} or {@code user.name}
 * @param filePath {@code file.path}, exact, or a prefix when it ends with {@code *}
 * @param classification {@code labels.classification}
 * @param action {@code event.action}
 * @param from at or after this time
 * @param to before this time
 * @param page zero-based page
 * @param size events per page, 1 to 500
 */
public record AuditSearch(String userId, String filePath, String classification, String action,
        Instant from, Instant to, int page, int size) {

    public static final int MAX_WINDOW = 10_000;

    public AuditSearch {
        if (size < 1 || size > 500) {
            throw new IllegalArgumentException("size must be between 1 and 500");
        }
        if (page < 0 || (long) (page + 1) * size > MAX_WINDOW) {
            throw new IllegalArgumentException("page out of range: at most " + MAX_WINDOW
                    + " events can be paged through; narrow the search");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}

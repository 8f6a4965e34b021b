package org.agencyworkspace.connector.elasticsearch;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each family's documents are kept: a monthly index is deleted once this long has
 * passed since the end of its month, so no document is deleted before its retention.
 *
 * @param audit for audit events
 * @param logs for application logs
 */
public record Retention(Duration audit, Duration logs) {

    public Retention {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(logs, "logs");
        if (audit.toDays() < 1 || logs.toDays() < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
    }

    public Duration of(IndexFamily family) {
        return family == IndexFamily.AUDIT ? audit : logs;
    }
}

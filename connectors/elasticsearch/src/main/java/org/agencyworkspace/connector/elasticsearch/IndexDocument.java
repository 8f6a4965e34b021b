package org.agencyworkspace.connector.elasticsearch;

import java.time.Instant;
import java.util.Objects;

/**
 * One document to index.
 *
 * @param id the document id; the event id, so a re-send is recognised
 * @param timestamp its {@code @timestamp}, which picks the monthly index
 * @param json the document, an ECS-shaped JSON object
 */
public record IndexDocument(String id, Instant timestamp, String json) {

    public IndexDocument {
        if (id == null || id.isBlank() || id.length() > 512) {
            throw new IllegalArgumentException("document id must be 1 to 512 characters");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(json, "json");
    }
}

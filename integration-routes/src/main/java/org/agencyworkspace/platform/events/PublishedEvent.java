package org.agencyworkspace.platform.events;

import java.time.Instant;
import java.util.Map;

/**
 * A domain event as stored and as delivered to subscribers.
 *
 * @param sequence position in the event log (ordering within one database)
 * @param id unique id; subscribers key idempotency on it
 * @param type the event name, e.g. {@code file.labelled}
 * @param version the payload's shape version
 * @param occurredAt when it happened
 * @param actor who caused it ({@code alice}, {@code system}, {@code route:<id>})
 * @param data the payload's fields
 */
public record PublishedEvent(long sequence, String id, String type, int version, Instant occurredAt,
        String actor, Map<String, Object> data) {
}

package org.agencyworkspace.platform.deadletter;

import java.time.Instant;
import java.util.Map;

/**
 * A message a route could not process, kept for an operator to inspect and replay.
 *
 * @param id dead-letter id
 * @param routeId the route that failed
 * @param replayEndpoint where a replay sends the message again; null when the route starts from
 *     something that cannot be re-sent (a timer, a poll)
 * @param failedEndpoint the endpoint that threw, sanitised
 * @param exceptionType class of the last failure
 * @param exceptionMessage message of the last failure
 * @param body the message as it entered the route; base64 when {@code bodyBase64}
 * @param bodyBase64 whether the body is binary, stored as base64
 * @param headers the message headers worth keeping (never credentials)
 * @param status open, replayed or discarded
 * @param attempts failures so far, replays included
 * @param firstFailedAt when it first failed
 * @param lastFailedAt when it last failed
 * @param resolvedAt when it was replayed successfully or discarded
 * @param resolvedBy who replayed or discarded it
 */
public record DeadLetter(String id, String routeId, String replayEndpoint, String failedEndpoint,
        String exceptionType, String exceptionMessage, String body, boolean bodyBase64,
        Map<String, String> headers, Status status, int attempts, Instant firstFailedAt,
        Instant lastFailedAt, Instant resolvedAt, String resolvedBy) {

    public enum Status { OPEN, REPLAYED, DISCARDED }

    public DeadLetter {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public boolean replayable() {
        return status == Status.OPEN && replayEndpoint != null;
    }
}

package org.agencyworkspace.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The last known state of one outside system.
 *
 * @param id the connector's name
 * @param state up, down or not configured
 * @param detail one line for operators (version seen, or why it is down)
 * @param latency how long the check took
 * @param checkedAt when the check ran
 * @param facts non-secret facts such as the version
 * @param configHint the property that configures the connector
 */
public record ConnectorStatus(String id, State state, String detail, Duration latency,
        Instant checkedAt, Map<String, String> facts, String configHint) {

    public enum State { UP, DOWN, NOT_CONFIGURED }

    public ConnectorStatus {
        facts = Map.copyOf(facts);
    }
}

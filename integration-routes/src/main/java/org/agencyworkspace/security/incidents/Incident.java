package org.agencyworkspace.security.incidents;

import java.time.Instant;
import java.util.List;

/**
 * A security incident raised by a detection rule. One stays open per rule and entity: when the
 * rule fires again the incident gains evidence and a timeline entry instead of a twin.
 *
 * @param id incident id
 * @param ruleId the rule that raised it
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param entity what it is about ({@code user:alice}, {@code ip:...}, {@code audit-chain})
 * @param title one line for people (ids and counts only)
 * @param status OPEN, ACKNOWLEDGED or CLOSED
 * @param assignee who handles it, if anyone
 * @param resolution how it was closed
 * @param firstSeen when the rule first fired
 * @param lastSeen when it last fired
 * @param evidence audit event ids, oldest first (at most {@value IncidentStore#MAX_EVIDENCE})
 * @param timeline what happened to the incident, oldest first
 */
public record Incident(String id, String ruleId, String severity, String entity, String title,
        Status status, String assignee, String resolution, Instant firstSeen, Instant lastSeen,
        List<String> evidence, List<Entry> timeline) {

    public enum Status { OPEN, ACKNOWLEDGED, CLOSED }

    /**
     * One line of the timeline.
     *
     * @param at when
     * @param actor who ({@code detection} for the rules)
     * @param what what happened
     */
    public record Entry(Instant at, String actor, String what) {
    }
}

package org.agencyworkspace.security.detection;

import java.time.Instant;
import java.util.List;

/**
 * A rule that fired.
 *
 * @param ruleId the rule's id
 * @param severity its severity
 * @param entity what it is about, e.g. {@code user:alice}, {@code ip:10.0.0.7}; with the rule,
 *     the key that de-duplicates incidents
 * @param title one line for people: ids and counts, never file names or content
 * @param evidence ids of the audit events that made it fire
 * @param at the time of the last of them
 */
public record Finding(String ruleId, RuleSet.Severity severity, String entity, String title,
        List<String> evidence, Instant at) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}

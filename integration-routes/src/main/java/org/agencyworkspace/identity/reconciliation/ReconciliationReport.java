package org.agencyworkspace.identity.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one reconciliation run found and did.
 *
 * @param id the run
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param dryRun whether it only reported
 * @param requestedBy {@code schedule}, or the operator who asked
 * @param compared the apps and sources compared, with how many accounts or records each had
 * @param drift every difference found
 */
public record ReconciliationReport(String id, Instant startedAt, Instant finishedAt,
        boolean dryRun, String requestedBy, Map<String, Integer> compared, List<Drift> drift) {

    public ReconciliationReport {
        compared = Map.copyOf(compared);
        drift = List.copyOf(drift);
    }

    public long repairedCount() {
        return drift.stream().filter(item -> item.repair() == Drift.Repair.REPAIRED).count();
    }

    /** Whether anything is still out of line after this run (reported, left alone, failed). */
    public boolean driftRemains() {
        return drift.stream().anyMatch(item -> item.repair() != Drift.Repair.REPAIRED);
    }

    /** A plain-text report for the command line and the log. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(dryRun ? "Reconciliation (dry run, nothing changed)" : "Reconciliation")
                .append(' ').append(id).append(" by ").append(requestedBy).append(", ")
                .append(Duration.between(startedAt, finishedAt).toMillis()).append(" ms\n");
        new TreeMap<>(compared).forEach((where, count) -> text.append("  compared ")
                .append(where).append(": ").append(count).append('\n'));
        if (drift.isEmpty()) {
            return text.append("No drift: every app matches the identities.\n").toString();
        }
        Map<Drift.Kind, Long> byKind = drift.stream()
                .collect(Collectors.groupingBy(Drift::kind, TreeMap::new, Collectors.counting()));
        text.append("Drift: ").append(drift.size()).append(" (")
                .append(byKind.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", ")))
                .append("), repaired ").append(repairedCount()).append('\n');
        for (Drift item : drift) {
            text.append("  ").append(String.format("%-14s %-10s %-24s %-10s %s",
                    item.kind(), item.where(), item.userName() == null ? "-" : item.userName(),
                    item.repair(), item.detail())).append('\n');
        }
        return text.toString();
    }
}

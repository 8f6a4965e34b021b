package org.agencyworkspace.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Nearest-rank percentiles of a set of durations.
 *
 * @param count how many were measured
 */
record LatencySummary(int count, Duration p50, Duration p95, Duration max, Duration mean) {

    static LatencySummary of(List<Duration> measured) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("nothing was measured");
        }
        List<Duration> sorted = measured.stream().sorted(Comparator.naturalOrder()).toList();
        long totalNanos = sorted.stream().mapToLong(Duration::toNanos).sum();
        return new LatencySummary(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95),
                sorted.get(sorted.size() - 1), Duration.ofNanos(totalNanos / sorted.size()));
    }

    private static Duration rank(List<Duration> sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}

package org.agencyworkspace.connector;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a connector found when it checked its outside system.
 *
 * @param up whether the system answered as expected
 * @param detail one line for operators: the version seen, or why the check failed
 * @param latency how long the check took
 * @param facts a few non-secret facts worth showing (version, cluster status, ...)
 */
public record ProbeResult(boolean up, String detail, Duration latency, Map<String, String> facts) {

    public ProbeResult {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
        facts = Map.copyOf(facts);
    }

    /** An answer as expected; the latency is filled in by {@link Probes#timed}. */
    public static ProbeResult up(String detail, Map<String, String> facts) {
        return new ProbeResult(true, detail, Duration.ZERO, facts);
    }

    /** No answer, or not the expected one; the latency is filled in by {@link Probes#timed}. */
    public static ProbeResult down(String detail) {
        return new ProbeResult(false, detail, Duration.ZERO, Map.of());
    }

    public ProbeResult withLatency(Duration measured) {
        return new ProbeResult(up, detail, measured, facts);
    }
}

package org.agencyworkspace.bench;

import java.time.Duration;

/**
 * What the identity benchmark measures, from system properties so a quick trial run can shrink
 * it ({@code -Dbench.leavers=5 -Dbench.joiners=20}).
 *
 * @param leavers leavers offboarded through the workspace, and as many through the baseline
 * @param joiners joiners created through the workspace, and as many through the baseline
 * @param clientConcurrency requests the SCIM client (and the baseline) has in flight at once
 * @param probePause pause between two looks at the real servers while waiting for a leaver
 */
record BenchParameters(int leavers, int joiners, int clientConcurrency, Duration probePause) {

    static BenchParameters fromSystemProperties() {
        return new BenchParameters(
                Integer.getInteger("bench.leavers", 100),
                Integer.getInteger("bench.joiners", 1000),
                Integer.getInteger("bench.concurrency", 8),
                Duration.ofMillis(Long.getLong("bench.probe-pause-ms", 10)));
    }
}

package org.agencyworkspace.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The matrix section of {@code docs/benchmarks.md}. */
record MatrixSection(Machine machine, LatencySummary workspace, LatencySummary direct, int burst,
        Duration workspaceBurst, Duration directBurst, long workspaceLimited, long directLimited,
        long delivered, long duplicates, Duration pollInterval) {

    static final String NAME = "matrix";

    String markdown() {
        return """
                ## Matrix notifications (`bin/workspace bench matrix`)

                Measured %s on %s, against the real Synapse of `deploy/local` (SQLite, one
                process on the same machine). **Latency**: from `Messenger.send` until a second
                Matrix user's `/sync` shows the notice, one notification at a time; the workspace
                path goes through the outbox (polled every %s), rendering and the Matrix channel.
                **Baseline**: the bot's `PUT /send` through the connector directly, same reader.
                **Burst**: %d notifications sent at once, until the reader has seen every one.

                | measure | workspace | baseline (direct send) | ratio |
                |---|---|---|---|
                | latency p50 (ms) | %d | %d | %s |
                | latency p95 (ms) | %d | %d | %s |
                | latency max (ms) | %d | %d | %s |
                | burst of %d: all seen (s) | %.1f | %.1f | %s |
                | burst throughput (notices/s) | %.0f | %.0f | |
                | 429 answers honoured | %d | %d | |

                Delivered exactly once: %d of %d outbox messages `DELIVERED`, %d duplicates seen
                by the reader. Synapse's rate limits: the workspace's application service is
                registered with `rate_limited: false` (Synapse exempts application services it
                trusts), and `deploy/local` raises `rc_message`; so no 429 is expected here and a
                count of 0 says none came, not that none could. The channel's handling of 429
                (wait `Retry-After`, or pause and keep the message in the outbox) is covered by
                `MatrixDeliveryChannelTest`, as Synapse cannot be made to answer 429 on demand.
                """.formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), machine.describe(),
                pollInterval.toMillis() + " ms", burst,
                workspace.p50().toMillis(), direct.p50().toMillis(), ratio(workspace.p50(), direct.p50()),
                workspace.p95().toMillis(), direct.p95().toMillis(), ratio(workspace.p95(), direct.p95()),
                workspace.max().toMillis(), direct.max().toMillis(), ratio(workspace.max(), direct.max()),
                burst, seconds(workspaceBurst), seconds(directBurst), ratio(workspaceBurst, directBurst),
                burst / seconds(workspaceBurst), burst / seconds(directBurst),
                workspaceLimited, directLimited, delivered, burst, duplicates);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String ratio(Duration measured, Duration baseline) {
        return baseline.isZero() ? "n/a" : "%.2f×".formatted((double) measured.toNanos() / baseline.toNanos());
    }
}

package org.agencyworkspace.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the workspace's own record of provisioning ({@code identity_change},
 * {@code identity_step}) for benchmark people whose names start with a prefix. A change is DONE
 * only when every target's step is, and it stores when that happened.
 */
final class QueueProgress {

    private final JdbcClient jdbc;

    QueueProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until {@code count} joins of {@code prefix*} people are done everywhere.
     *
     * @throws IllegalStateException when a step was given up on, or on timeout
     */
    void awaitJoins(String prefix, int count, Duration timeout) {
        new EndStateProbe(Duration.ofMillis(100), timeout).awaitNanos(() -> {
            if (failedSteps(prefix) > 0) {
                throw new IllegalStateException("provisioning gave up on a step for " + prefix
                        + "*: see the dead-letter store in the log");
            }
            return doneJoins(prefix) == count;
        }, "provisioning of " + prefix + "*");
    }

    private long doneJoins(String prefix) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM identity_change
                WHERE username LIKE :prefix AND kind = 'JOIN' AND status = 'DONE'
                """).param("prefix", prefix + "%").query(Long.class).single();
    }

    /** When the last of these joins was finished everywhere. */
    Instant lastJoinFinished(String prefix) {
        return jdbc.sql("""
                SELECT MAX(finished_at) FROM identity_change
                WHERE username LIKE :prefix AND kind = 'JOIN' AND status = 'DONE'
                """).param("prefix", prefix + "%")
                .query((row, index) -> row.getObject(1, OffsetDateTime.class)).single().toInstant();
    }

    /** Steps given up on: the benchmark stops rather than wait for what will not come. */
    private long failedSteps(String prefix) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM identity_step s JOIN identity_change c ON c.seq = s.change_seq
                WHERE c.username LIKE :prefix AND s.status = 'FAILED'
                """).param("prefix", prefix + "%").query(Long.class).single();
    }
}

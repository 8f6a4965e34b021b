package org.agencyworkspace.identity.provisioning;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code identity_step} table: one row per change and target app. */
@Repository
public class IdentitySteps {

    /** Where one step stands. */
    public enum Status {
        PENDING, DONE, FAILED,
        /** Given up on by an operator: the app was not changed, the person's queue moves on. */
        SKIPPED;

        public boolean finished() {
            return this == DONE || this == SKIPPED;
        }
    }

    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public IdentitySteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The step's status, creating it as pending the first time it is asked for. */
    public Status ensure(long changeSeq, String target) {
        jdbc.sql("""
                INSERT INTO identity_step (change_seq, target, status, attempts)
                SELECT :seq, :target, 'PENDING', 0 WHERE NOT EXISTS
                    (SELECT 1 FROM identity_step WHERE change_seq = :seq AND target = :target)
                """).param("seq", changeSeq).param("target", target).update();
        return status(changeSeq, target).orElseThrow();
    }

    public Optional<Status> status(long changeSeq, String target) {
        return jdbc.sql("SELECT status FROM identity_step WHERE change_seq = :seq AND target = :target")
                .param("seq", changeSeq).param("target", target)
                .query((row, index) -> Status.valueOf(row.getString("status"))).optional();
    }

    public void markDone(long changeSeq, String target) {
        jdbc.sql("""
                UPDATE identity_step SET status = 'DONE', attempts = attempts + 1, last_error = NULL,
                    finished_at = :now WHERE change_seq = :seq AND target = :target
                """).param("seq", changeSeq).param("target", target)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** Counts a failed try; the step stays pending while the route retries it. */
    public void recordFailedAttempt(long changeSeq, String target, String error) {
        jdbc.sql("""
                UPDATE identity_step SET attempts = attempts + 1, last_error = :error
                WHERE change_seq = :seq AND target = :target
                """).param("seq", changeSeq).param("target", target).param("error", clip(error))
                .update();
    }

    /** The route gave up: the step waits in the dead-letter store and blocks later changes. */
    public void markFailed(long changeSeq, String target, String error) {
        jdbc.sql("""
                UPDATE identity_step SET status = 'FAILED', last_error = :error
                WHERE change_seq = :seq AND target = :target AND status <> 'DONE'
                """).param("seq", changeSeq).param("target", target).param("error", clip(error))
                .update();
    }

    /** An operator discarded the failed step: it no longer holds the person back. */
    public void markSkipped(long changeSeq, String target, String operator) {
        jdbc.sql("""
                UPDATE identity_step SET status = 'SKIPPED', finished_at = :now,
                    last_error = :note WHERE change_seq = :seq AND target = :target AND status = 'FAILED'
                """).param("seq", changeSeq).param("target", target)
                .param("note", "discarded by " + operator)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /**
     * A later leave made the step moot (e.g. the join of a person who left before it could be
     * applied): it is finished without changing the app, and no longer holds anything back.
     */
    public void markSuperseded(long changeSeq, String target, long leaveSeq) {
        jdbc.sql("""
                UPDATE identity_step SET status = 'SKIPPED', finished_at = :now,
                    last_error = :note WHERE change_seq = :seq AND target = :target
                    AND status IN ('PENDING', 'FAILED')
                """).param("seq", changeSeq).param("target", target)
                .param("note", "superseded by leave " + leaveSeq)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** The status of every step of the person's pending changes, by change and target. */
    public Map<Long, Map<String, Status>> ofPending(String identityId) {
        Map<Long, Map<String, Status>> statuses = new HashMap<>();
        jdbc.sql("""
                SELECT s.change_seq, s.target, s.status FROM identity_step s
                JOIN identity_change c ON c.seq = s.change_seq
                WHERE c.identity_id = :id AND c.status = 'PENDING'
                """).param("id", identityId).query((ResultSet row) -> {
                    statuses.computeIfAbsent(row.getLong("change_seq"), seq -> new HashMap<>())
                            .put(row.getString("target"), Status.valueOf(row.getString("status")));
                });
        return statuses;
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}

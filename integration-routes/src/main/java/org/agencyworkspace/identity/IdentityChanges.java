package org.agencyworkspace.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code identity_change} queue: every accepted change, in order per person, with the
 * identity as it was afterwards. Provisioning applies them to each app; writing one is part of
 * the same transaction as the change, so no accepted change is ever lost.
 */
@Repository
public class IdentityChanges {

    /** What a change means for the apps. */
    public enum Kind {
        /** A new or returning person: create or re-enable the accounts. */
        JOIN,
        /** Department, role, clearance or details changed: update the accounts. */
        MOVE,
        /** The person left or was suspended: disable the accounts and end every session. */
        LEAVE
    }

    /**
     * A queued change.
     *
     * @param seq position in the queue
     * @param identityId the person
     * @param kind what it means
     * @param snapshot the identity after the change
     * @param reducesAccess whether the change takes access away (a leave, an inactive person's
     *     update, lower clearance, fewer roles): such a change is revoked in every app first
     */
    public record Change(long seq, String identityId, Kind kind, IdentityDraft snapshot,
            boolean reducesAccess) {
    }

    /**
     * Published when a change is queued; listeners that act on it should wait for the commit
     * ({@code @TransactionalEventListener}), since until then nobody else can see the change.
     *
     * @param identityId the person
     */
    public record Queued(String identityId) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public IdentityChanges(JdbcClient jdbc, ObjectMapper json, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Queues a change; a leave or an inactive person's update always counts as taking access away.
     *
     * @param reducesAccess whether the change lowers clearance or removes a role
     */
    public void enqueue(String identityId, Kind kind, IdentityDraft snapshot,
            boolean reducesAccess) {
        jdbc.sql("""
                INSERT INTO identity_change (identity_id, username, kind, snapshot, status,
                    reduces_access, created_at)
                VALUES (:id, :username, :kind, :snapshot, 'PENDING', :reduces, :now)
                """)
                .param("id", identityId).param("username", snapshot.userName())
                .param("kind", kind.name()).param("snapshot", write(snapshot))
                .param("reduces", reducesAccess || kind == Kind.LEAVE || !snapshot.active())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        events.publishEvent(new Queued(identityId));
    }

    /**
     * People with pending changes, each with the position of their oldest one, oldest first.
     */
    public Map<String, Long> peopleWithPending(int limit) {
        Map<String, Long> people = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT identity_id, MIN(seq) AS first_seq FROM identity_change
                WHERE status = 'PENDING' GROUP BY identity_id ORDER BY first_seq
                FETCH FIRST %d ROWS ONLY
                """.formatted(limit))
                .query((row, index) -> people.put(row.getString("identity_id"),
                        row.getLong("first_seq")))
                .list();
        return people;
    }

    /** Everyone with a change not yet applied to every app. */
    public Set<String> identitiesWithPending() {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT identity_id FROM identity_change WHERE status = 'PENDING'")
                .query(String.class).list());
    }

    /**
     * Pending changes that take access away and whose revocation is neither finished in every
     * one of {@code targets} apps nor given up on in any, oldest first.
     */
    public List<Long> revocationsDue(int targets, int limit) {
        return jdbc.sql("""
                SELECT c.seq FROM identity_change c
                WHERE c.status = 'PENDING' AND c.reduces_access = TRUE
                  AND (SELECT COUNT(*) FROM identity_step s WHERE s.change_seq = c.seq
                       AND s.target LIKE '%%#access' AND s.status IN ('DONE', 'SKIPPED')) < :targets
                  AND NOT EXISTS (SELECT 1 FROM identity_step s WHERE s.change_seq = c.seq
                       AND s.target LIKE '%%#access' AND s.status = 'FAILED')
                ORDER BY c.seq FETCH FIRST %d ROWS ONLY
                """.formatted(limit))
                .param("targets", targets).query(Long.class).list();
    }

    /** One queued change, whatever its status. */
    public Optional<Change> find(long seq) {
        return jdbc.sql("""
                SELECT seq, identity_id, kind, snapshot, reduces_access FROM identity_change
                WHERE seq = :seq
                """)
                .param("seq", seq).query(this::map).optional();
    }

    /**
     * Whether a pending change after {@code seq} of the same person is a leave (or an update of
     * a person who is gone): it makes everything queued before it moot.
     */
    public boolean supersededByLeave(Change change) {
        return pendingFor(change.identityId()).stream()
                .anyMatch(later -> later.seq() > change.seq() && isLeave(later));
    }

    /** A leave, or an update of a person who is no longer active. */
    public static boolean isLeave(Change change) {
        return change.kind() == Kind.LEAVE || !change.snapshot().active();
    }

    /** Every target has the change. */
    public void markDone(long seq) {
        jdbc.sql("UPDATE identity_change SET status = 'DONE', finished_at = :now WHERE seq = :seq")
                .param("seq", seq).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** Pending changes of one person, oldest first. */
    public List<Change> pendingFor(String identityId) {
        return jdbc.sql("""
                SELECT seq, identity_id, kind, snapshot, reduces_access FROM identity_change
                WHERE identity_id = :id AND status = 'PENDING' ORDER BY seq
                """)
                .param("id", identityId).query(this::map).list();
    }

    private Change map(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new Change(row.getLong("seq"), row.getString("identity_id"),
                Kind.valueOf(row.getString("kind")), read(row.getString("snapshot")),
                row.getBoolean("reduces_access"));
    }

    private String write(IdentityDraft snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("identity cannot be written as JSON", e);
        }
    }

    private IdentityDraft read(String text) {
        try {
            return json.readValue(text, IdentityDraft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable identity change", e);
        }
    }
}

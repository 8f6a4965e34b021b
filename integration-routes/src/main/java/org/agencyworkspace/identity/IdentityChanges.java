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
     */
    public record Change(long seq, String identityId, Kind kind, IdentityDraft snapshot) {
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

    public void enqueue(String identityId, Kind kind, IdentityDraft snapshot) {
        jdbc.sql("""
                INSERT INTO identity_change (identity_id, username, kind, snapshot, status, created_at)
                VALUES (:id, :username, :kind, :snapshot, 'PENDING', :now)
                """)
                .param("id", identityId).param("username", snapshot.userName())
                .param("kind", kind.name()).param("snapshot", write(snapshot))
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

    /** One queued change, whatever its status. */
    public Optional<Change> find(long seq) {
        return jdbc.sql("SELECT seq, identity_id, kind, snapshot FROM identity_change WHERE seq = :seq")
                .param("seq", seq)
                .query((row, index) -> new Change(row.getLong("seq"), row.getString("identity_id"),
                        Kind.valueOf(row.getString("kind")), read(row.getString("snapshot"))))
                .optional();
    }

    /** Every target has the change. */
    public void markDone(long seq) {
        jdbc.sql("UPDATE identity_change SET status = 'DONE', finished_at = :now WHERE seq = :seq")
                .param("seq", seq).param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    /** Pending changes of one person, oldest first. */
    public List<Change> pendingFor(String identityId) {
        return jdbc.sql("""
                SELECT seq, identity_id, kind, snapshot FROM identity_change
                WHERE identity_id = :id AND status = 'PENDING' ORDER BY seq
                """)
                .param("id", identityId)
                .query((row, index) -> new Change(row.getLong("seq"), row.getString("identity_id"),
                        Kind.valueOf(row.getString("kind")), read(row.getString("snapshot"))))
                .list();
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

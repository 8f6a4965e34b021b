package org.agencyworkspace.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code domain_event} table: every event is stored, in the publisher's transaction, before
 * anyone is told about it; the dispatch route marks it dispatched once every subscriber had it.
 * Rows are picked by a dispatched flag rather than a cursor, so an event whose transaction
 * commits after a later one is still delivered.
 */
@Repository
public class EventLog {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public EventLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores an event that is yet to be dispatched. */
    public void append(String id, String type, int version, Instant occurredAt, String actor,
            Map<String, Object> data) {
        jdbc.sql("""
                INSERT INTO domain_event (id, event_type, version, occurred_at, actor, data)
                VALUES (:id, :type, :version, :occurredAt, :actor, :data)
                """)
                .param("id", id)
                .param("type", type)
                .param("version", version)
                .param("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .param("actor", actor)
                .param("data", write(data))
                .update();
    }

    /** The oldest events not yet dispatched, in publishing order. */
    public List<PublishedEvent> undispatched(int limit) {
        return jdbc.sql("""
                SELECT seq, id, event_type, version, occurred_at, actor, data FROM domain_event
                WHERE dispatched_at IS NULL ORDER BY seq FETCH FIRST :limit ROWS ONLY
                """)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    /** Marks an event as handed to every subscriber. */
    public void markDispatched(String id) {
        jdbc.sql("UPDATE domain_event SET dispatched_at = :now WHERE id = :id")
                .param("now", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .param("id", id)
                .update();
    }

    /** Deletes dispatched events older than {@code retention}; returns how many went. */
    public int prune(Duration retention) {
        return jdbc.sql("DELETE FROM domain_event WHERE dispatched_at IS NOT NULL"
                        + " AND occurred_at < :before")
                .param("before", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(retention))
                .update();
    }

    /** Events of one type, newest first, for tests and the operator. */
    public List<PublishedEvent> recent(String type, int limit) {
        return jdbc.sql("""
                SELECT seq, id, event_type, version, occurred_at, actor, data FROM domain_event
                WHERE event_type = :type ORDER BY seq DESC FETCH FIRST :limit ROWS ONLY
                """)
                .param("type", type)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    private PublishedEvent row(ResultSet row, int index) throws SQLException {
        try {
            return new PublishedEvent(row.getLong("seq"), row.getString("id"),
                    row.getString("event_type"), row.getInt("version"),
                    row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    row.getString("actor"), json.readValue(row.getString("data"), DATA));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable data of domain event "
                    + row.getString("id"), e);
        }
    }

    private String write(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }
}

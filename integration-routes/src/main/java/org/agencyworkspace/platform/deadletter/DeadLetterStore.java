package org.agencyworkspace.platform.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code dead_letter} table. */
@Repository
public class DeadLetterStore {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    /**
     * What is known about one failure when it happens.
     *
     * @param routeId the failing route
     * @param replayEndpoint where to send the message again, or null
     * @param failedEndpoint the endpoint that threw, sanitised
     * @param exceptionType class of the failure
     * @param exceptionMessage its message
     * @param body the message as it entered the route
     * @param bodyBase64 whether the body is base64 of binary content
     * @param headers headers worth keeping
     */
    public record Failure(String routeId, String replayEndpoint, String failedEndpoint,
            String exceptionType, String exceptionMessage, String body, boolean bodyBase64,
            Map<String, String> headers) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public DeadLetterStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a new dead letter and returns its id. */
    public String add(Failure failure) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO dead_letter (id, route_id, replay_endpoint, failed_endpoint,
                    exception_type, exception_message, body, body_base64, headers, status,
                    attempts, first_failed_at, last_failed_at)
                VALUES (:id, :routeId, :replay, :failed, :type, :message, :body, :base64,
                    :headers, 'OPEN', 1, :now, :now)
                """)
                .param("id", id)
                .param("routeId", failure.routeId())
                .param("replay", failure.replayEndpoint())
                .param("failed", clip(failure.failedEndpoint(), 1000))
                .param("type", clip(failure.exceptionType(), 300))
                .param("message", clip(failure.exceptionMessage(), 2000))
                .param("body", failure.body())
                .param("base64", failure.bodyBase64())
                .param("headers", write(failure.headers()))
                .param("now", now)
                .update();
        return id;
    }

    /** A replay of {@code id} failed again: count it and keep the newest reason. */
    public void failedAgain(String id, String failedEndpoint, String exceptionType,
            String exceptionMessage) {
        jdbc.sql("""
                UPDATE dead_letter SET attempts = attempts + 1, last_failed_at = :now,
                    failed_endpoint = :failed, exception_type = :type, exception_message = :message,
                    status = 'OPEN', resolved_at = NULL, resolved_by = NULL
                WHERE id = :id
                """)
                .param("id", id)
                .param("now", now())
                .param("failed", clip(failedEndpoint, 1000))
                .param("type", clip(exceptionType, 300))
                .param("message", clip(exceptionMessage, 2000))
                .update();
    }

    public Optional<DeadLetter> find(String id) {
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    /** Dead letters in one status (or all when null), newest failure first. */
    public List<DeadLetter> list(DeadLetter.Status status, int limit) {
        String where = status == null ? "" : " WHERE status = :status";
        var statement = jdbc.sql("SELECT * FROM dead_letter" + where
                + " ORDER BY last_failed_at DESC, id FETCH FIRST " + limit + " ROWS ONLY");
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        return statement.query(this::map).list();
    }

    /**
     * Closes an open dead letter.
     *
     * @return false when it was not open (already replayed or discarded by someone else)
     */
    public boolean resolve(String id, DeadLetter.Status outcome, String by) {
        return jdbc.sql("""
                UPDATE dead_letter SET status = :status, resolved_at = :now, resolved_by = :by
                WHERE id = :id AND status = 'OPEN'
                """)
                .param("status", outcome.name())
                .param("now", now())
                .param("by", by)
                .param("id", id)
                .update() == 1;
    }

    /**
     * Closes every open dead letter of {@code routeId} whose message is {@code body}: what they
     * were waiting for has since been done another way (e.g. a later change of the same record).
     *
     * @return how many were closed
     */
    public int resolveOpen(String routeId, String body, DeadLetter.Status outcome, String by) {
        // Bodies are large text, which not every database compares in SQL; open letters are few.
        List<String> matching = jdbc.sql("""
                        SELECT id, body FROM dead_letter WHERE route_id = :routeId AND status = 'OPEN'
                        """)
                .param("routeId", routeId)
                .query((row, index) -> body.equals(row.getString("body")) ? row.getString("id") : null)
                .list();
        int closed = 0;
        for (String id : matching) {
            if (id != null && resolve(id, outcome, by)) {
                closed++;
            }
        }
        return closed;
    }

    private DeadLetter map(ResultSet row, int index) throws SQLException {
        return new DeadLetter(row.getString("id"), row.getString("route_id"),
                row.getString("replay_endpoint"), row.getString("failed_endpoint"),
                row.getString("exception_type"), row.getString("exception_message"),
                row.getString("body"), row.getBoolean("body_base64"),
                read(row.getString("headers")),
                DeadLetter.Status.valueOf(row.getString("status")), row.getInt("attempts"),
                instant(row, "first_failed_at"), instant(row, "last_failed_at"),
                instant(row, "resolved_at"), row.getString("resolved_by"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("headers cannot be written as JSON", e);
        }
    }

    private Map<String, String> read(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

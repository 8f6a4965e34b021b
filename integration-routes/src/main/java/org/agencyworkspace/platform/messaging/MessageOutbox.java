package org.agencyworkspace.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code message_outbox} table: messages persisted before anyone is told they were sent. */
@Repository
public class MessageOutbox {

    private static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() { };
    private static final int MAX_ERROR = 2000;

    /** Where a message stands. */
    public enum Status { PENDING, DELIVERED, FAILED }

    /**
     * One outbox row.
     *
     * @param id message id
     * @param message what was asked to be sent
     * @param status where it stands
     * @param attempts how many deliveries were tried
     * @param lastError why the last try failed
     */
    public record Entry(String id, OutgoingMessage message, Status status, int attempts,
            String lastError) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public MessageOutbox(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a new pending message and returns its id. */
    public String add(OutgoingMessage message) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO message_outbox (id, recipient_type, recipient_id, template_key,
                    parameters, locale, status, attempts, created_at)
                VALUES (:id, :type, :recipient, :template, :parameters, :locale, 'PENDING', 0, :now)
                """)
                .param("id", id)
                .param("type", message.recipient().kind().name())
                .param("recipient", message.recipient().id())
                .param("template", message.templateKey())
                .param("parameters", write(message.parameters()))
                .param("locale", message.locale() == null ? null : message.locale().toLanguageTag())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    public Optional<Entry> find(String id) {
        return jdbc.sql("SELECT * FROM message_outbox WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    /** Ids of pending messages, oldest first. */
    public List<String> pendingIds(int limit) {
        return jdbc.sql("SELECT id FROM message_outbox WHERE status = 'PENDING' "
                        + "ORDER BY created_at, id FETCH FIRST " + limit + " ROWS ONLY")
                .query(String.class).list();
    }

    public void markDelivered(String id) {
        jdbc.sql("""
                UPDATE message_outbox SET status = 'DELIVERED', attempts = attempts + 1,
                    last_error = NULL, delivered_at = :now WHERE id = :id
                """)
                .param("id", id)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Counts a failed try and keeps its reason; the message stays where it is. */
    public void recordFailedAttempt(String id, String error) {
        jdbc.sql("UPDATE message_outbox SET attempts = attempts + 1, last_error = :error WHERE id = :id")
                .param("id", id)
                .param("error", clip(error))
                .update();
    }

    /** The message was given up on: it leaves the pending queue until it is replayed. */
    public void markFailed(String id, String error) {
        jdbc.sql("""
                UPDATE message_outbox SET status = 'FAILED', last_error = :error
                WHERE id = :id AND status <> 'DELIVERED'
                """)
                .param("id", id)
                .param("error", clip(error))
                .update();
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private Entry map(ResultSet row, int index) throws SQLException {
        String locale = row.getString("locale");
        OutgoingMessage message = new OutgoingMessage(
                new Recipient(Recipient.Kind.valueOf(row.getString("recipient_type")),
                        row.getString("recipient_id")),
                row.getString("template_key"),
                read(row.getString("parameters")),
                locale == null ? null : Locale.forLanguageTag(locale));
        return new Entry(row.getString("id"), message, Status.valueOf(row.getString("status")),
                row.getInt("attempts"), row.getString("last_error"));
    }

    private String write(Map<String, String> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message parameters cannot be written as JSON", e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameters in message outbox", e);
        }
    }
}

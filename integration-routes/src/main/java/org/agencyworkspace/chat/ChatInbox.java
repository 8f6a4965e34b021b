package org.agencyworkspace.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code chat_transaction} and {@code chat_event} tables: what the homeserver pushed, stored
 * before it is acknowledged, and the queue of commands and invitations still to act on.
 */
@Repository
public class ChatInbox {

    private static final int MAX_BODY = 4000;
    private static final int MAX_RAW = 8000;

    /** Where a stored event stands. */
    public enum Status { PENDING, DONE, FAILED, IGNORED, MALFORMED }

    /**
     * One stored event.
     *
     * @param eventId the event's id
     * @param roomId where it happened
     * @param sender who sent it
     * @param type event type
     * @param body message text (commands), or the membership for an invitation
     * @param status where it stands
     */
    public record StoredEvent(String eventId, String roomId, String sender, String type,
            String body, Status status) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public ChatInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a transaction's events in one database transaction, once: the homeserver's retry of
     * a transaction stores nothing new. Each event is also kept once by its own id, so even a
     * homeserver that starts counting transactions again (a reset one) loses nothing and
     * repeats nothing.
     *
     * @param actionable decides which well-formed events are queued (PENDING) rather than IGNORED
     * @return false when the transaction id had been received already
     */
    @Transactional
    public boolean receive(String txnId, JsonNode events, java.util.function.Predicate<JsonNode> actionable) {
        int inserted = jdbc.sql("""
                INSERT INTO chat_transaction (txn_id, event_count, received_at)
                SELECT :txn, :count, :now WHERE NOT EXISTS
                    (SELECT 1 FROM chat_transaction WHERE txn_id = :txn)
                """)
                .param("txn", txnId).param("count", events.size())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        int index = 0;
        for (JsonNode event : events) {
            store(txnId, index++, event, actionable);
        }
        return inserted == 1;
    }

    private void store(String txnId, int index, JsonNode event,
            java.util.function.Predicate<JsonNode> actionable) {
        boolean wellFormed = event.isObject() && textual(event, "event_id")
                && event.get("event_id").asText().length() <= 255 && textual(event, "room_id")
                && textual(event, "sender") && textual(event, "type")
                && (event.get("content") == null || event.get("content").isObject());
        String eventId = wellFormed ? event.get("event_id").asText()
                : "malformed:" + txnId + ":" + index;
        Status status = !wellFormed ? Status.MALFORMED
                : actionable.test(event) ? Status.PENDING : Status.IGNORED;
        JsonNode body = event.path("content").path("body");
        jdbc.sql("""
                INSERT INTO chat_event (event_id, txn_id, room_id, sender, event_type, body, status,
                    raw, received_at)
                SELECT :id, :txn, :room, :sender, :type, :body, :status, :raw, :now WHERE NOT EXISTS
                    (SELECT 1 FROM chat_event WHERE event_id = :id)
                """)
                .param("id", eventId)
                .param("txn", txnId)
                .param("room", text(event, "room_id"))
                .param("sender", text(event, "sender"))
                .param("type", text(event, "type"))
                .param("body", body.isTextual() ? clip(body.asText(), MAX_BODY) : null)
                .param("status", status.name())
                .param("raw", status == Status.PENDING || status == Status.MALFORMED
                        ? clip(event.toString(), MAX_RAW) : null)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    public Optional<StoredEvent> find(String eventId) {
        return jdbc.sql("SELECT * FROM chat_event WHERE event_id = :id").param("id", eventId)
                .query((row, i) -> new StoredEvent(row.getString("event_id"), row.getString("room_id"),
                        row.getString("sender"), row.getString("event_type"), row.getString("body"),
                        Status.valueOf(row.getString("status"))))
                .optional();
    }

    /** The raw JSON kept for a pending or malformed event. */
    public Optional<String> raw(String eventId) {
        return jdbc.sql("SELECT raw FROM chat_event WHERE event_id = :id").param("id", eventId)
                .query(String.class).optional();
    }

    /** Ids of events waiting to be acted on, oldest first. */
    public List<String> pendingIds(int limit) {
        return jdbc.sql("SELECT event_id FROM chat_event WHERE status = 'PENDING' "
                        + "ORDER BY received_at, event_id FETCH FIRST " + limit + " ROWS ONLY")
                .query(String.class).list();
    }

    public void markDone(String eventId) {
        finish(eventId, Status.DONE, null);
    }

    public void markFailed(String eventId, String error) {
        finish(eventId, Status.FAILED, error);
    }

    /** Counts of stored events by status, for tests and the operator. */
    public long count(Status status) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_event WHERE status = :status")
                .param("status", status.name()).query(Long.class).single();
    }

    private void finish(String eventId, Status status, String error) {
        jdbc.sql("""
                UPDATE chat_event SET status = :status, error = :error, processed_at = :now
                WHERE event_id = :id AND status = 'PENDING'
                """)
                .param("status", status.name())
                .param("error", error == null ? null : clip(error, 2000))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", eventId)
                .update();
    }

    private static boolean textual(JsonNode event, String field) {
        return event.path(field).isTextual() && !event.get(field).asText().isEmpty();
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? clip(value.asText(), 255) : null;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

package org.agencyworkspace.platform.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code inbox_message} table behind the in-app inbox. */
@Repository
public class InboxMessages {

    /**
     * One message as a person sees it.
     *
     * @param id row id
     * @param room the room it was posted in, or null for a personal message
     * @param subject one line
     * @param body plain text
     * @param receivedAt when it arrived
     * @param read whether the person has marked it read
     */
    public record InboxItem(long id, String room, String subject, String body, Instant receivedAt,
            boolean read) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public InboxMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds a message for one person or room unless this outbox message is already there. */
    public void addOnce(String outboxId, Recipient.Kind kind, String recipient, String subject,
            String body) {
        // The unique constraint makes a second delivery a no-op even under a race.
        jdbc.sql("""
                INSERT INTO inbox_message (outbox_id, recipient_kind, recipient, subject, body, created_at)
                SELECT :outboxId, :kind, :recipient, :subject, :body, :now
                WHERE NOT EXISTS (SELECT 1 FROM inbox_message WHERE outbox_id = :outboxId
                    AND recipient_kind = :kind AND recipient = :recipient)
                """)
                .param("outboxId", outboxId)
                .param("kind", kind.name())
                .param("recipient", recipient)
                .param("subject", clip(subject, 300))
                .param("body", clip(body, 4000))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The person's own messages and every room's, newest first. */
    public List<InboxItem> forUser(String login, int limit) {
        return jdbc.sql("""
                SELECT id, recipient_kind, recipient, subject, body, created_at, read_at
                FROM inbox_message
                WHERE (recipient_kind = 'USER' AND recipient = :login) OR recipient_kind = 'ROOM'
                ORDER BY created_at DESC, id DESC FETCH FIRST %d ROWS ONLY
                """.formatted(limit))
                .param("login", login)
                .query((row, index) -> new InboxItem(row.getLong("id"),
                        "ROOM".equals(row.getString("recipient_kind")) ? row.getString("recipient") : null,
                        row.getString("subject"), row.getString("body"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant(),
                        row.getObject("read_at", OffsetDateTime.class) != null))
                .list();
    }

    /** Number of the person's own messages not yet read. */
    public long unreadCount(String login) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM inbox_message
                WHERE recipient_kind = 'USER' AND recipient = :login AND read_at IS NULL
                """)
                .param("login", login)
                .query(Long.class).single();
    }

    /** Marks one of the person's own messages read; returns false if it is not theirs. */
    public boolean markRead(String login, long id) {
        return jdbc.sql("""
                UPDATE inbox_message SET read_at = :now
                WHERE id = :id AND recipient_kind = 'USER' AND recipient = :login AND read_at IS NULL
                """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", id)
                .param("login", login)
                .update() == 1;
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}

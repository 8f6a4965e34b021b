package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One {@code audit_event} row exactly as stored: the values the chain hash covers. Fields longer
 * than their column are cut and the row tagged {@value #TRUNCATED}, so an oversized value never
 * loses the event.
 *
 * @param tags comma-separated ECS tags ({@value #TRUNCATED}, {@value #PARSE_ERROR}), or null
 */
public record AuditRow(
        String id,
        Instant occurredAt,
        String action,
        String category,
        String outcome,
        String userId,
        String userName,
        String targetType,
        String targetId,
        String classification,
        String sourceIp,
        String userAgent,
        String reason,
        String traceId,
        String details,
        String tags) {

    /** A field was longer than its column and was cut. */
    public static final String TRUNCATED = "truncated";
    /** A source event that could not be read; its raw text is in the details. */
    public static final String PARSE_ERROR = "parse_error";
    /** Detail key a source sets to flag a {@value #PARSE_ERROR} event. */
    public static final String PARSE_ERROR_DETAIL = "parse_error";

    static final int MAX_DETAILS = 4000;
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };

    /** The row to store for {@code event}: times cut to microseconds (what both databases keep). */
    static AuditRow of(AuditEvent event, String traceId, ObjectMapper json) {
        List<String> tags = new ArrayList<>();
        Clipper clip = new Clipper();
        AuditEvent.Target target = event.target();
        AuditEvent.Source source = event.source();
        String details = detailsJson(event.details(), json, clip);
        if (event.details().containsKey(PARSE_ERROR_DETAIL)) {
            tags.add(PARSE_ERROR);
        }
        AuditRow row = new AuditRow(event.id(), event.timestamp().truncatedTo(ChronoUnit.MICROS),
                clip.cut(event.action(), 100), clip.cut(event.category(), 50),
                event.outcome().name().toLowerCase(Locale.ROOT),
                clip.cut(event.actor().id(), 200), clip.cut(event.actor().name(), 200),
                target == null ? null : clip.cut(target.type(), 50),
                target == null ? null : clip.cut(target.id(), 1000),
                target == null ? null : clip.cut(target.classification(), 32),
                source == null ? null : clip.cut(source.ip(), 64),
                source == null ? null : clip.cut(source.userAgent(), 500),
                clip.cut(event.reason(), 1000), clip.cut(traceId, 100), details, null);
        if (clip.cut) {
            tags.add(0, TRUNCATED);
        }
        return tags.isEmpty() ? row : row.withTags(String.join(",", tags));
    }

    /** Reads the row's columns (not its chain columns). */
    public static AuditRow read(ResultSet row) throws SQLException {
        return new AuditRow(row.getString("id"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getString("action"), row.getString("category"), row.getString("outcome"),
                row.getString("user_id"), row.getString("user_name"), row.getString("target_type"),
                row.getString("target_id"), row.getString("classification"),
                row.getString("source_ip"), row.getString("user_agent"), row.getString("reason"),
                row.getString("trace_id"), row.getString("details"), row.getString("tags"));
    }

    AuditRow withTags(String newTags) {
        return new AuditRow(id, occurredAt, action, category, outcome, userId, userName,
                targetType, targetId, classification, sourceIp, userAgent, reason, traceId,
                details, newTags);
    }

    public Set<String> tagSet() {
        return tags == null || tags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(tags.split(",")));
    }

    /** The event this row holds; unreadable details come back under {@code unreadable}. */
    public AuditEvent toEvent(ObjectMapper json) {
        return new AuditEvent(id, occurredAt, action, category,
                parseOutcome(outcome),
                new AuditEvent.Actor(userId, userName),
                targetType == null || targetId == null ? null
                        : new AuditEvent.Target(targetType, targetId, classification),
                sourceIp == null && userAgent == null ? null
                        : new AuditEvent.Source(sourceIp, userAgent),
                reason, traceId, parseDetails(details, json));
    }

    private static AuditEvent.Outcome parseOutcome(String text) {
        try {
            return AuditEvent.Outcome.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return AuditEvent.Outcome.UNKNOWN;
        }
    }

    public static Map<String, String> parseDetails(String text, ObjectMapper json) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", text);
        }
    }

    private static String detailsJson(Map<String, String> details, ObjectMapper json,
            Clipper clip) {
        if (details.isEmpty()) {
            return null;
        }
        try {
            // Sorted keys: the same details always give the same text (and hash).
            String text = json.writeValueAsString(new TreeMap<>(details));
            if (text.length() <= MAX_DETAILS) {
                return text;
            }
            // Keep the record rather than fail the action it audits: each value cut in turn
            // until the whole fits, keys kept.
            clip.cut = true;
            Map<String, String> cut = new LinkedHashMap<>();
            int share = Math.max(16, (MAX_DETAILS - 200) / Math.max(1, details.size()) - 40);
            new TreeMap<>(details).forEach((key, value) -> cut.put(
                    key.length() > 100 ? key.substring(0, 100) : key,
                    value == null || value.length() <= share ? value : value.substring(0, share)));
            text = json.writeValueAsString(cut);
            return text.length() <= MAX_DETAILS ? text
                    : json.writeValueAsString(Map.of(TRUNCATED, "true"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON", e);
        }
    }

    /** Cuts values to their column and remembers that it did. */
    private static final class Clipper {
        boolean cut;

        String cut(String value, int max) {
            if (value == null || value.length() <= max) {
                return value;
            }
            cut = true;
            return value.substring(0, max);
        }
    }
}

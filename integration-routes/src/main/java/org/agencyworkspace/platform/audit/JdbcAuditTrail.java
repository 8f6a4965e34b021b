package org.agencyworkspace.platform.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.platform.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores audit events in the {@code audit_event} table of the workspace database. */
@Repository
public class JdbcAuditTrail implements AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditTrail.class);
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() { };
    private static final int MAX_DETAILS = 4000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public JdbcAuditTrail(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void record(AuditEvent event) {
        String traceId = event.traceId() != null ? event.traceId() : RequestContext.traceId();
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, action, category, outcome, user_id,
                    user_name, target_type, target_id, classification, source_ip, user_agent,
                    reason, trace_id, details)
                VALUES (:id, :at, :action, :category, :outcome, :userId, :userName, :targetType,
                    :targetId, :classification, :ip, :agent, :reason, :traceId, :details)
                """)
                .param("id", event.id())
                .param("at", event.timestamp().atOffset(ZoneOffset.UTC))
                .param("action", event.action())
                .param("category", event.category())
                .param("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
                .param("userId", event.actor().id())
                .param("userName", event.actor().name())
                .param("targetType", event.target() == null ? null : event.target().type())
                .param("targetId", event.target() == null ? null : clip(event.target().id(), 1000))
                .param("classification",
                        event.target() == null ? null : event.target().classification())
                .param("ip", event.source() == null ? null : event.source().ip())
                .param("agent", event.source() == null ? null : clip(event.source().userAgent(), 500))
                .param("reason", clip(event.reason(), 1000))
                .param("traceId", traceId)
                .param("details", detailsJson(event.details()))
                .update();
        LOG.debug("Audit {} {} by {}", event.action(), event.outcome(), event.actor().id());
    }

    @Override
    public List<AuditEvent> recent(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (query.actorId() != null) {
            sql.append(" AND user_id = ?");
            params.add(query.actorId());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.targetId() != null) {
            sql.append(" AND target_id = ?");
            params.add(query.targetId());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC FETCH FIRST ").append(query.limit())
                .append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    private AuditEvent map(ResultSet row, int index) throws SQLException {
        String targetType = row.getString("target_type");
        String ip = row.getString("source_ip");
        String agent = row.getString("user_agent");
        return new AuditEvent(
                row.getString("id"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getString("action"),
                row.getString("category"),
                AuditEvent.Outcome.valueOf(row.getString("outcome").toUpperCase(Locale.ROOT)),
                new AuditEvent.Actor(row.getString("user_id"), row.getString("user_name")),
                targetType == null ? null : new AuditEvent.Target(targetType,
                        row.getString("target_id"), row.getString("classification")),
                ip == null && agent == null ? null : new AuditEvent.Source(ip, agent),
                row.getString("reason"),
                row.getString("trace_id"),
                parseDetails(row.getString("details")));
    }

    private String detailsJson(Map<String, String> details) {
        if (details.isEmpty()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(details);
            if (text.length() > MAX_DETAILS) {
                // Keep the record rather than fail the action it audits; say that it was cut.
                return json.writeValueAsString(Map.of("truncated", "true",
                        "keys", String.join(",", details.keySet())));
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON", e);
        }
    }

    private Map<String, String> parseDetails(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", text);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

package org.agencyworkspace.security.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.security.detection.Finding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code security_incident} table. */
@Repository
public class IncidentStore {

    static final int MAX_EVIDENCE = 500;
    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };
    private static final TypeReference<List<Incident.Entry>> ENTRIES = new TypeReference<>() { };

    /**
     * Filters for the list; null matches all.
     *
     * @param status only this status
     * @param severity only this severity
     * @param ruleId only this rule
     * @param assignee only incidents assigned to this person
     * @param limit at most this many, newest activity first
     */
    public record Filter(Incident.Status status, String severity, String ruleId, String assignee,
            int limit) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final Clock clock;

    public IncidentStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a finding: a new incident, or more evidence on the open one for the same rule and
     * entity. Call it in the transaction that moves the detection cursor.
     *
     * @return the incident when it is new (to notify about), empty when it was already open
     */
    public Optional<Incident> raise(Finding finding) {
        String key = finding.ruleId() + "|" + finding.entity();
        Instant now = clock.instant();
        Optional<Incident> open = jdbc.sql("SELECT * FROM security_incident WHERE dedup_key = :key"
                        + " AND status <> 'CLOSED' FOR UPDATE")
                .param("key", clip(key, 450)).query(this::map).optional();
        if (open.isPresent()) {
            Incident incident = open.get();
            LinkedHashSet<String> evidence = new LinkedHashSet<>(incident.evidence());
            evidence.addAll(finding.evidence());
            List<String> kept = new ArrayList<>(evidence);
            if (kept.size() > MAX_EVIDENCE) {
                kept = kept.subList(kept.size() - MAX_EVIDENCE, kept.size());
            }
            List<Incident.Entry> timeline = new ArrayList<>(incident.timeline());
            timeline.add(new Incident.Entry(now, "detection", "fired again: " + finding.title()));
            jdbc.sql("UPDATE security_incident SET last_seen = :seen, evidence = :evidence,"
                            + " timeline = :timeline, updated_at = :now WHERE id = :id")
                    .param("seen", utc(finding.at())).param("evidence", write(kept))
                    .param("timeline", write(timeline)).param("now", utc(now))
                    .param("id", incident.id()).update();
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        List<Incident.Entry> timeline = List.of(new Incident.Entry(now, "detection",
                "raised: " + finding.title()));
        jdbc.sql("""
                INSERT INTO security_incident (id, rule_id, severity, entity, dedup_key, title,
                    status, first_seen, last_seen, created_at, updated_at, evidence, timeline)
                VALUES (:id, :rule, :severity, :entity, :key, :title, 'OPEN', :seen, :seen, :now,
                    :now, :evidence, :timeline)
                """)
                .param("id", id).param("rule", finding.ruleId())
                .param("severity", finding.severity().name()).param("entity", clip(finding.entity(), 300))
                .param("key", clip(key, 450)).param("title", clip(finding.title(), 300))
                .param("seen", utc(finding.at())).param("now", utc(now))
                .param("evidence", write(finding.evidence())).param("timeline", write(timeline))
                .update();
        return find(id);
    }

    public Optional<Incident> find(String id) {
        return jdbc.sql("SELECT * FROM security_incident WHERE id = :id").param("id", id)
                .query(this::map).optional();
    }

    public List<Incident> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM security_incident WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(filter.severity());
        }
        if (filter.ruleId() != null) {
            sql.append(" AND rule_id = ?");
            params.add(filter.ruleId());
        }
        if (filter.assignee() != null) {
            sql.append(" AND assignee = ?");
            params.add(filter.assignee());
        }
        sql.append(" ORDER BY last_seen DESC, id FETCH FIRST ").append(filter.limit()).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /**
     * Changes an incident that is not closed; the change goes on its timeline.
     *
     * @return the changed incident, empty when it does not exist
     * @throws IllegalStateException when it is closed already
     */
    public Optional<Incident> update(String id, String by, Incident.Status status, String assignee,
            String resolution, String what) {
        Optional<Incident> current = jdbc.sql("SELECT * FROM security_incident WHERE id = :id FOR UPDATE")
                .param("id", id).query(this::map).optional();
        if (current.isEmpty()) {
            return current;
        }
        Incident incident = current.get();
        if (incident.status() == Incident.Status.CLOSED) {
            throw new IllegalStateException("incident " + id + " is closed");
        }
        Instant now = clock.instant();
        List<Incident.Entry> timeline = new ArrayList<>(incident.timeline());
        timeline.add(new Incident.Entry(now, by, what));
        jdbc.sql("UPDATE security_incident SET status = :status, assignee = :assignee,"
                        + " resolution = :resolution, timeline = :timeline, updated_at = :now WHERE id = :id")
                .param("status", (status == null ? incident.status() : status).name())
                .param("assignee", assignee == null ? incident.assignee() : clip(assignee, 200))
                .param("resolution", resolution == null ? incident.resolution() : clip(resolution, 2000))
                .param("timeline", write(timeline)).param("now", utc(now)).param("id", id).update();
        return find(id);
    }

    private Incident map(ResultSet row, int index) throws SQLException {
        return new Incident(row.getString("id"), row.getString("rule_id"), row.getString("severity"),
                row.getString("entity"), row.getString("title"),
                Incident.Status.valueOf(row.getString("status")), row.getString("assignee"),
                row.getString("resolution"),
                row.getObject("first_seen", OffsetDateTime.class).toInstant(),
                row.getObject("last_seen", OffsetDateTime.class).toInstant(),
                read(row.getString("evidence"), IDS), read(row.getString("timeline"), ENTRIES));
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable incident column", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

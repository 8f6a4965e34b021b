package org.agencyworkspace.identity.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every reconciliation report, for operators to look back at (API and command line). */
@Repository
public class ReconciliationRuns {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ReconciliationRuns(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(ReconciliationReport report) {
        jdbc.sql("""
                INSERT INTO identity_reconciliation (id, started_at, finished_at, dry_run,
                    requested_by, drift_count, repaired_count, report)
                VALUES (:id, :started, :finished, :dryRun, :by, :drift, :repaired, :report)
                """)
                .param("id", report.id())
                .param("started", report.startedAt().atOffset(ZoneOffset.UTC))
                .param("finished", report.finishedAt().atOffset(ZoneOffset.UTC))
                .param("dryRun", report.dryRun())
                .param("by", report.requestedBy())
                .param("drift", report.drift().size())
                .param("repaired", (int) report.repairedCount())
                .param("report", write(report))
                .update();
    }

    public Optional<ReconciliationReport> find(String id) {
        return jdbc.sql("SELECT report FROM identity_reconciliation WHERE id = :id").param("id", id)
                .query((row, index) -> read(row.getString("report"))).optional();
    }

    /** The latest runs, newest first. */
    public List<ReconciliationReport> latest(int limit) {
        return jdbc.sql("SELECT report FROM identity_reconciliation ORDER BY started_at DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .query((row, index) -> read(row.getString("report"))).list();
    }

    private String write(ReconciliationReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reconciliation report cannot be written as JSON", e);
        }
    }

    private ReconciliationReport read(String text) {
        try {
            return json.readValue(text, ReconciliationReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reconciliation report", e);
        }
    }
}

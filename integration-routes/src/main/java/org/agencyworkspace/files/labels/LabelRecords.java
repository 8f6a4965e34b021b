package org.agencyworkspace.files.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.files.classification.Label;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code file_label} and {@code file_label_change} tables. */
@Repository
public class LabelRecords {

    /**
     * A label change as recorded.
     *
     * @param id the change
     * @param fileId the file or folder
     * @param path where it was
     * @param fromLevel the level before, or null for none
     * @param label the label asked for
     * @param status APPLIED, PENDING_APPROVAL or REJECTED
     * @param requestedBy who asked
     */
    public record Change(String id, String fileId, String path, String fromLevel, Label label,
            String status, String requestedBy) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public LabelRecords(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<Label> find(String fileId) {
        return jdbc.sql("SELECT label FROM file_label WHERE file_id = :id").param("id", fileId)
                .query((row, index) -> read(row.getString("label"))).optional();
    }

    /** The level of the file or folder the store knows by {@code fileId}, if it is labelled. */
    public Optional<String> levelOf(String fileId) {
        return jdbc.sql("SELECT level FROM file_label WHERE file_id = :id").param("id", fileId)
                .query(String.class).optional();
    }

    /**
     * The level of what was labelled at {@code path} (the path recorded with the label), for
     * sources that know a path but not the store's file id.
     */
    public Optional<String> levelAt(String path) {
        return jdbc.sql("SELECT level FROM file_label WHERE path = :path").param("path", path)
                .query(String.class).list().stream().findFirst();
    }

    /** Drops the label kept under an id the store no longer uses (its file moved to a new one). */
    void forget(String fileId) {
        jdbc.sql("DELETE FROM file_label WHERE file_id = :id").param("id", fileId).update();
    }

    /** Saves a file's label; a new label's decision has not been reminded of yet. */
    void save(String fileId, String path, boolean folder, Label label, String by) {
        OffsetDateTime decisionDue = label.provisional() && label.decisionDeadline() != null
                ? label.decisionDeadline().atOffset(ZoneOffset.UTC) : null;
        int updated = jdbc.sql("""
                UPDATE file_label SET path = :path, folder = :folder, level = :level, label = :label,
                    version = version + 1, updated_at = :now, updated_by = :by,
                    declassify_on = :declassifyOn, decision_due = :decisionDue,
                    decision_reminded_at = NULL
                WHERE file_id = :id
                """)
                .param("path", path).param("folder", folder).param("level", label.level())
                .param("label", write(label)).param("now", now()).param("by", by)
                .param("declassifyOn", label.declassifyOn()).param("decisionDue", decisionDue)
                .param("id", fileId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO file_label (file_id, path, folder, level, label, version, updated_at,
                        updated_by, declassify_on, decision_due)
                    VALUES (:id, :path, :folder, :level, :label, 1, :now, :by, :declassifyOn,
                        :decisionDue)
                    """)
                    .param("path", path).param("folder", folder).param("level", label.level())
                    .param("label", write(label)).param("now", now()).param("by", by)
                    .param("declassifyOn", label.declassifyOn()).param("decisionDue", decisionDue)
                    .param("id", fileId).update();
        }
    }

    /**
     * A stored label with where it was last seen.
     *
     * @param fileId the file's id
     * @param path its path when the label was last saved
     * @param folder whether it is a folder
     * @param label the label
     */
    public record Labelled(String fileId, String path, boolean folder, Label label) {
    }

    /** Classified labels whose declassification date is {@code today} or earlier. */
    List<Labelled> dueForDeclassification(LocalDate today, String unmarkedCode) {
        return jdbc.sql("""
                SELECT file_id, path, folder, label FROM file_label
                WHERE declassify_on <= :today AND level <> :unmarked ORDER BY declassify_on, path
                """)
                .param("today", today).param("unmarked", unmarkedCode)
                .query(this::labelled).list();
    }

    /**
     * Provisional labels whose decision was due by {@code now} and whose classifier was not
     * reminded since {@code remindedBefore}.
     */
    List<Labelled> overdueDecisions(Instant now, Instant remindedBefore) {
        return jdbc.sql("""
                SELECT file_id, path, folder, label FROM file_label
                WHERE decision_due <= :now
                  AND (decision_reminded_at IS NULL OR decision_reminded_at < :remindedBefore)
                ORDER BY decision_due, path
                """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("remindedBefore", remindedBefore.atOffset(ZoneOffset.UTC))
                .query(this::labelled).list();
    }

    void reminded(String fileId) {
        jdbc.sql("UPDATE file_label SET decision_reminded_at = :now WHERE file_id = :id")
                .param("now", now()).param("id", fileId).update();
    }

    private Labelled labelled(ResultSet row, int index) throws SQLException {
        return new Labelled(row.getString("file_id"), row.getString("path"),
                row.getBoolean("folder"), read(row.getString("label")));
    }

    String addChange(String fileId, String path, String fromLevel, Label label, String status,
            String by) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO file_label_change (id, file_id, path, from_level, to_level, label, status,
                    requested_by, requested_at)
                VALUES (:id, :fileId, :path, :from, :to, :label, :status, :by, :now)
                """)
                .param("id", id).param("fileId", fileId).param("path", path)
                .param("from", fromLevel).param("to", label.level()).param("label", write(label))
                .param("status", status).param("by", by).param("now", now()).update();
        return id;
    }

    Optional<Change> findChange(String id) {
        return jdbc.sql("""
                SELECT id, file_id, path, from_level, label, status, requested_by
                FROM file_label_change WHERE id = :id
                """)
                .param("id", id).query((row, index) -> new Change(row.getString("id"),
                        row.getString("file_id"), row.getString("path"), row.getString("from_level"),
                        read(row.getString("label")), row.getString("status"),
                        row.getString("requested_by")))
                .optional();
    }

    /** Decides a pending change; false when it was no longer pending. */
    boolean decide(String id, String status, String by, String note) {
        return jdbc.sql("""
                UPDATE file_label_change SET status = :status, decided_by = :by, decided_at = :now,
                    decision_note = :note
                WHERE id = :id AND status = 'PENDING_APPROVAL'
                """)
                .param("status", status).param("by", by).param("now", now()).param("note", note)
                .param("id", id).update() == 1;
    }

    List<Change> pending() {
        return jdbc.sql("""
                SELECT id, file_id, path, from_level, label, status, requested_by
                FROM file_label_change WHERE status = 'PENDING_APPROVAL' ORDER BY requested_at
                """)
                .query((row, index) -> new Change(row.getString("id"), row.getString("file_id"),
                        row.getString("path"), row.getString("from_level"),
                        read(row.getString("label")), row.getString("status"),
                        row.getString("requested_by")))
                .list();
    }

    /** The paths of every labelled file and folder, as last seen. */
    public List<String> labelledPaths(String unmarkedCode) {
        return jdbc.sql("SELECT path FROM file_label WHERE level <> :unmarked ORDER BY path")
                .param("unmarked", unmarkedCode).query(String.class).list();
    }

    /** The label as the JSON these records (and kept versions) store. */
    public String write(Label label) {
        try {
            return json.writeValueAsString(label);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a label cannot be written as JSON", e);
        }
    }

    /** A label from JSON {@link #write} made. */
    public Label read(String text) {
        try {
            return json.readValue(text, Label.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable label", e);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

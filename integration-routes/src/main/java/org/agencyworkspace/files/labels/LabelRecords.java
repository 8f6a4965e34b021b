package org.agencyworkspace.files.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
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

    void save(String fileId, String path, boolean folder, Label label, String by) {
        int updated = jdbc.sql("""
                UPDATE file_label SET path = :path, folder = :folder, level = :level, label = :label,
                    version = version + 1, updated_at = :now, updated_by = :by
                WHERE file_id = :id
                """)
                .param("path", path).param("folder", folder).param("level", label.level())
                .param("label", write(label)).param("now", now()).param("by", by)
                .param("id", fileId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO file_label (file_id, path, folder, level, label, version, updated_at,
                        updated_by)
                    VALUES (:id, :path, :folder, :level, :label, 1, :now, :by)
                    """)
                    .param("path", path).param("folder", folder).param("level", label.level())
                    .param("label", write(label)).param("now", now()).param("by", by)
                    .param("id", fileId).update();
        }
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

    String write(Label label) {
        try {
            return json.writeValueAsString(label);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a label cannot be written as JSON", e);
        }
    }

    private Label read(String text) {
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

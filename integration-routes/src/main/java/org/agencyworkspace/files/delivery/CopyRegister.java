package org.agencyworkspace.files.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The copy register (國家機密保護法 §18): every copy of a labelled file that left the workspace,
 * numbered per file, with the delivery id its fingerprint carries, so a leaked copy leads to one
 * person and moment.
 */
@Repository
public class CopyRegister {

    /**
     * One registered copy.
     *
     * @param deliveryId the fingerprint
     * @param fileId the file
     * @param copyNumber its number among the file's copies
     * @param path where the file was
     * @param level its level at the time
     * @param kind download, preview, bundle
     * @param recipient who received it
     * @param versionId the kept version copied, or null for the file's content at the time
     */
    public record Copy(String deliveryId, String fileId, int copyNumber, String path, String level,
            String kind, String recipient, String versionId) {
    }

    private static final int ATTEMPTS = 5;
    /** Locks striped by file id, for {@link #register}. */
    private final Object[] numbering = new Object[64];

    private final JdbcClient jdbc;
    private final Clock clock;

    public CopyRegister(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (int i = 0; i < numbering.length; i++) {
            numbering[i] = new Object();
        }
    }

    private int nextNumber(String fileId) {
        return jdbc.sql("SELECT COALESCE(MAX(copy_number), 0) + 1 FROM file_copy WHERE file_id = :id")
                .param("id", fileId).query(Integer.class).single();
    }

    /**
     * Registers a copy under the next free number.
     *
     * @return the number it got
     */
    public int register(String deliveryId, String fileId, String path, String level, String kind,
            String recipient, String etag) {
        return register(deliveryId, fileId, path, level, kind, recipient, etag, null);
    }

    /**
     * Registers a copy of a kept version ({@code versionId}) of the file, or of its content when
     * null, under the next free number.
     *
     * @return the number it got
     */
    public int register(String deliveryId, String fileId, String path, String level, String kind,
            String recipient, String etag, String versionId) {
        // Copies of one file registered at once in this process take their numbers one after
        // another: racing for MAX + 1, forty people downloading one file ran out of attempts
        // (bench load, 200 people). The attempts remain for another process beside this one.
        synchronized (numbering[Math.floorMod(fileId.hashCode(), numbering.length)]) {
            return insertNext(deliveryId, fileId, path, level, kind, recipient, etag, versionId);
        }
    }

    private int insertNext(String deliveryId, String fileId, String path, String level, String kind,
            String recipient, String etag, String versionId) {
        for (int attempt = 1; ; attempt++) {
            int number = nextNumber(fileId);
            try {
                jdbc.sql("""
                        INSERT INTO file_copy (delivery_id, file_id, copy_number, path, level, kind,
                            recipient, file_etag, created_at, version_id)
                        VALUES (:delivery, :file, :number, :path, :level, :kind, :recipient, :etag, :now,
                            :version)
                        """)
                        .param("delivery", deliveryId).param("file", fileId).param("number", number)
                        .param("path", path).param("level", level).param("kind", kind)
                        .param("recipient", recipient).param("etag", etag).param("version", versionId)
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
                return number;
            } catch (DuplicateKeyException e) {
                // Two copies of the same file at once took the same number: take the next.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Takes back a registered copy that was never handed out (marking it failed). */
    public void cancel(String deliveryId) {
        jdbc.sql("DELETE FROM file_copy WHERE delivery_id = :id").param("id", deliveryId).update();
    }

    public Optional<Copy> find(String deliveryId) {
        return jdbc.sql("SELECT * FROM file_copy WHERE delivery_id = :id").param("id", deliveryId)
                .query(this::map).optional();
    }

    /** The copies of one file, in number order. */
    public List<Copy> copiesOf(String fileId) {
        return jdbc.sql("SELECT * FROM file_copy WHERE file_id = :id ORDER BY copy_number")
                .param("id", fileId).query(this::map).list();
    }

    private Copy map(ResultSet row, int index) throws SQLException {
        return new Copy(row.getString("delivery_id"), row.getString("file_id"),
                row.getInt("copy_number"), row.getString("path"), row.getString("level"),
                row.getString("kind"), row.getString("recipient"), row.getString("version_id"));
    }
}

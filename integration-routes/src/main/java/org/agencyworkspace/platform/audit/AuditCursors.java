package org.agencyworkspace.platform.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The workspace's one cursor store: the persisted positions of the readers that follow the audit
 * chain (Elasticsearch shipping, detection), a log file (the workspace's own, Nextcloud's
 * admin_audit) or an outside source (Keycloak events, Syncope's change order): table
 * {@code audit_cursor}. A reader moves its cursor in the same transaction as what it did with the
 * rows, so a restart resumes exactly where it stopped.
 */
@Repository
public class AuditCursors {

    /**
     * A cursor's value.
     *
     * @param position the last chain position (or time, in ms) fully handled
     * @param extra reader-specific state, e.g. ids already seen at that time
     */
    public record Cursor(long position, String extra) {
        public static final Cursor START = new Cursor(0, null);
    }

    private final JdbcClient jdbc;

    public AuditCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Cursor get(String name) {
        return jdbc.sql("SELECT position, extra FROM audit_cursor WHERE name = :name")
                .param("name", name)
                .query((row, index) -> new Cursor(row.getLong("position"), row.getString("extra")))
                .optional().orElse(Cursor.START);
    }

    public void set(String name, Cursor cursor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE audit_cursor SET position = :position, extra = :extra,"
                        + " updated_at = :now WHERE name = :name")
                .param("name", name).param("position", cursor.position())
                .param("extra", cursor.extra()).param("now", now).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO audit_cursor (name, position, extra, updated_at)"
                            + " VALUES (:name, :position, :extra, :now)")
                    .param("name", name).param("position", cursor.position())
                    .param("extra", cursor.extra()).param("now", now).update();
        }
    }
}

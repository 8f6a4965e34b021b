package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the identity sources' cursors into the one cursor store ({@code audit_cursor}) and drops
 * their own table: the position becomes microseconds since the epoch, the user name the extra
 * state. A Java migration because the date arithmetic differs between H2 and PostgreSQL.
 */
public class V27__OneCursorStore extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT source, changed_at, last_username FROM identity_source_cursor");
                ResultSet rows = select.executeQuery();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO audit_cursor (name, position, extra, updated_at) VALUES (?, ?, ?, ?)")) {
            while (rows.next()) {
                Instant changedAt = rows.getObject("changed_at", OffsetDateTime.class).toInstant();
                insert.setString(1, "identity-source:" + rows.getString("source"));
                insert.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, changedAt));
                insert.setString(3, rows.getString("last_username"));
                insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
        try (PreparedStatement drop = connection.prepareStatement("DROP TABLE identity_source_cursor")) {
            drop.execute();
        }
    }
}

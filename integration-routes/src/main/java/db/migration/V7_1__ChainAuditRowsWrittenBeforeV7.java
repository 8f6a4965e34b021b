package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.platform.audit.AuditChain;
import org.agencyworkspace.platform.audit.AuditRow;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Puts the audit rows written before V7 into the hash chain, oldest first ({@code occurred_at},
 * then {@code id}), with the same canonical form as every later append; the chain head then
 * points at the last of them. A Java migration because the hash is computed by the workspace's
 * own code, identically on H2 and PostgreSQL.
 */
public class V7_1__ChainAuditRowsWrittenBeforeV7 extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<AuditRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM audit_event WHERE chain_seq IS NULL ORDER BY occurred_at, id");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(AuditRow.read(result));
            }
        }
        long seq = 0;
        String previous = AuditChain.GENESIS;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_event SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = ?")) {
            for (AuditRow row : rows) {
                seq++;
                String hash = AuditChain.hash(seq, previous, row);
                update.setLong(1, seq);
                update.setString(2, previous);
                update.setString(3, hash);
                update.setString(4, row.id());
                update.addBatch();
                previous = hash;
            }
            update.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            head.setLong(1, seq);
            head.setString(2, previous);
            head.executeUpdate();
        }
    }
}

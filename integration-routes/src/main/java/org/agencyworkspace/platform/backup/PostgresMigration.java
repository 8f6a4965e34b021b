package org.agencyworkspace.platform.backup;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.agencyworkspace.platform.backup.BackupSettings.PostgresDatabase;
import org.flywaydb.core.Flyway;

/**
 * Moves the embedded H2 database into an empty PostgreSQL database ({@code migrate-to-postgres}):
 * Flyway builds the same schema version there, every row is copied in one transaction (tables
 * in foreign-key order), identity counters continue after the copied rows, and the row counts
 * are compared before it commits. The H2 database stays as it was, so a failed or regretted
 * migration is undone by not switching the configuration.
 */
final class PostgresMigration {

    private static final String HISTORY = "flyway_schema_history";

    private final BackupSettings settings;
    private final PrintStream out;

    PostgresMigration(BackupSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the migration; returns the problems that stopped it (nothing written then). */
    List<String> migrate() throws SQLException {
        PostgresDatabase target = settings.database();
        if (target == null) {
            return List.of("spring.datasource.url names no PostgreSQL database to migrate to "
                    + "(set it as for running on PostgreSQL, e.g. with --stack or WORKSPACE_POSTGRES_URL)");
        }
        if (!java.nio.file.Files.exists(settings.dataDir().resolve("db/workspace.mv.db"))) {
            return List.of("no embedded database in " + settings.dataDir());
        }
        EmbeddedDatabaseConfiguration.Settings h2 = EmbeddedDatabaseConfiguration.embedded(settings.dataDir());
        String targetSchema = target.schema() == null ? "public" : target.schema();
        try (Connection from = DriverManager.getConnection(h2.url(), h2.username(), h2.password());
                Connection to = DriverManager.getConnection(target.jdbcUrl(), target.username(), target.password())) {
            if (tables(to, targetSchema).size() > 0) {
                return List.of("the database " + target + " is not empty");
            }
            String version = schemaVersion(from);
            Flyway.configure().dataSource(target.jdbcUrl(), target.username(), target.password())
                    .schemas(targetSchema).locations("classpath:db/migration").target(version)
                    .load().migrate();

            from.setReadOnly(true);
            from.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            List<String> order = foreignKeyOrder(to, targetSchema);
            try (Statement statement = to.createStatement()) {
                // Rows the migrations seeded (departments, ...) come again from the copy.
                List<String> reversed = new ArrayList<>(order);
                Collections.reverse(reversed);
                for (String table : reversed) {
                    statement.executeUpdate("DELETE FROM " + targetSchema + "." + table);
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : order) {
                copied.put(table, copy(from, to, targetSchema, table));
            }
            continueIdentities(to, targetSchema, order);
            for (Map.Entry<String, Long> table : copied.entrySet()) {
                long there = count(to, targetSchema + "." + table.getKey());
                if (there != table.getValue()) {
                    to.rollback();
                    return List.of(table.getKey() + ": " + table.getValue() + " rows read, " + there + " in PostgreSQL");
                }
            }
            to.commit();
            from.rollback();
            out.printf("migrated schema version %s, %d tables, %d rows to %s%n", version, copied.size(),
                    copied.values().stream().mapToLong(Long::longValue).sum(), target);
            return List.of();
        }
    }

    private static String schemaVersion(Connection h2) throws SQLException {
        try (Statement statement = h2.createStatement(); ResultSet result = statement.executeQuery(
                "SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL "
                        + "ORDER BY installed_rank DESC LIMIT 1")) {
            if (!result.next()) {
                throw new SQLException("the embedded database has no migrated schema");
            }
            return result.getString(1);
        }
    }

    private static long copy(Connection from, Connection to, String schema, String table) throws SQLException {
        long rows = 0;
        try (Statement select = from.createStatement(); ResultSet source = select.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = source.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase());
            }
            String insert = "INSERT INTO " + schema + "." + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            try (PreparedStatement statement = to.prepareStatement(insert)) {
                while (source.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        statement.setObject(i, source.getObject(i));
                    }
                    statement.addBatch();
                    if (++rows % 500 == 0) {
                        statement.executeBatch();
                    }
                }
                statement.executeBatch();
            }
        }
        return rows;
    }

    /** Identity columns go on after the highest copied value. */
    private static void continueIdentities(Connection to, String schema, List<String> tables) throws SQLException {
        for (String table : tables) {
            try (ResultSet columns = to.getMetaData().getColumns(null, schema, table, "%")) {
                while (columns.next()) {
                    if ("YES".equals(columns.getString("IS_AUTOINCREMENT"))) {
                        String column = columns.getString("COLUMN_NAME");
                        try (Statement statement = to.createStatement()) {
                            statement.execute("SELECT setval(pg_get_serial_sequence('" + schema + "." + table + "', '"
                                    + column + "'), coalesce(max(" + column + "), 0) + 1, false) FROM " + schema + "."
                                    + table);
                        }
                    }
                }
            }
        }
    }

    /** Tables of the schema (without Flyway's history), each after the tables it refers to. */
    private static List<String> foreignKeyOrder(Connection connection, String schema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        for (String table : tables(connection, schema)) {
            if (!table.equals(HISTORY)) {
                Set<String> parents = new LinkedHashSet<>();
                try (ResultSet keys = meta.getImportedKeys(null, schema, table)) {
                    while (keys.next()) {
                        parents.add(keys.getString("PKTABLE_NAME"));
                    }
                }
                parents.remove(table);
                dependsOn.put(table, parents);
            }
        }
        List<String> order = new ArrayList<>();
        while (!dependsOn.isEmpty()) {
            List<String> ready = dependsOn.entrySet().stream()
                    .filter(entry -> order.containsAll(entry.getValue())).map(Map.Entry::getKey).toList();
            if (ready.isEmpty()) {
                throw new SQLException("foreign keys form a cycle among " + dependsOn.keySet());
            }
            order.addAll(ready);
            ready.forEach(dependsOn::remove);
        }
        return order;
    }

    private static List<String> tables(Connection connection, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet result = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}

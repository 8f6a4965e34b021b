package org.agencyworkspace.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.agencyworkspace.WorkspaceApplication;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.it.PostgresTestSchema;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Backup and restore on the stack's PostgreSQL (pg_dump while the workspace runs, pg_restore),
 * in a schema of this test's own: the backup is restored after the schema was dropped, as onto
 * a fresh database server.
 */
class BackupRestorePostgresIT extends AbstractBackupRestoreIT {

    final PostgresTestSchema schema = new PostgresTestSchema();

    @Override
    List<String> databaseArguments() {
        return List.of("--spring.datasource.url=" + StackEnvironment.require("WORKSPACE_POSTGRES_URL")
                        + "?currentSchema=" + schema.name(),
                "--spring.datasource.username=" + StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                "--spring.datasource.password=" + StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"),
                "--spring.flyway.schemas=" + schema.name());
    }

    @Override
    DataSource restoredDatabase(Path home) {
        return new DriverManagerDataSource(StackEnvironment.require("WORKSPACE_POSTGRES_URL") + "?currentSchema="
                + schema.name(), StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
    }

    @Override
    void emptyTheDatabase() throws SQLException {
        schema.drop();
    }

    @Test
    void theEmbeddedDatabaseMovesToPostgresqlWithEveryRowAndAVerifiedChain() throws Exception {
        Path home = base.resolve("embedded");
        List<String> embedded = List.of("--workspace.data-dir=" + home.resolve("data"),
                "--workspace.log-dir=" + home.resolve("logs"), "--workspace.routes.folder=" + home.resolve("routes"),
                "--workspace.security.local.initial-password=Backup-Test-2026");
        Map<String, List<String>> before;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkspaceApplication.class)
                .run(withPorts(embedded))) {
            app.getBean(CopyRegister.class).register("migration-delivery", "file-9", "/人事室/名冊.pdf", "secret",
                    "download", "alice", "etag-9");
            before = rows(app.getBean(DataSource.class));
        }
        before.remove("flyway_schema_history");

        Output migrated = command(home, BackupCommand.MIGRATE);
        assertThat(migrated.status()).as(migrated.text()).isZero();
        assertThat(migrated.text()).contains("migrated schema version");
        // Into a database that is not empty any more, it refuses.
        Output again = command(home, BackupCommand.MIGRATE);
        assertThat(again.status()).as(again.text()).isEqualTo(BackupCommand.REFUSED);

        Output audit = command(home, "audit", "verify");
        assertThat(audit.status()).as(audit.text()).isZero();
        // Read before anything starts on it (a start appends to the audit trail and moves its head).
        Map<String, List<String>> after = rows(restoredDatabase(home));
        before.forEach((table, rows) -> assertThat(after.get(table)).as(table)
                .containsExactlyInAnyOrderElementsOf(rows));
        try (ConfigurableApplicationContext app = start(home)) {
            assertThat(app.getBean(CopyRegister.class).find("migration-delivery")).isPresent();
        }
    }

    private static String[] withPorts(List<String> args) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of("--server.port=0", "--management.server.port=0"));
        return all.toArray(String[]::new);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        emptyTheDatabase();
    }
}

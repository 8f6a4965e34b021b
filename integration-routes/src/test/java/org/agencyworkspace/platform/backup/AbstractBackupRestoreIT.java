package org.agencyworkspace.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.agencyworkspace.WorkspaceApplication;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.platform.audit.AuditCommand;
import org.agencyworkspace.security.WorkspaceUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A backup taken while the workspace runs, restored onto a fresh data folder and an empty
 * database, gives the same rows in every table (files' labels, the copy register, the audit
 * chain, identities and accounts), the same files, and an audit chain that verifies; a damaged
 * backup, or a target that is not empty, is refused with nothing written.
 */
abstract class AbstractBackupRestoreIT {

    static final WorkspaceUser ALICE = new WorkspaceUser("alice", "Alice Chen",
            List.of("staff"), List.of("general-affairs"), "secret");

    @TempDir
    Path base;

    /** Settings of the database the source workspace uses ({@code --spring.*}), none for H2. */
    abstract List<String> databaseArguments();

    /** The database a restore onto {@code home} wrote, opened directly (nothing started on it). */
    abstract DataSource restoredDatabase(Path home);

    /** Empties the source database, as a fresh machine's would be (no-op for H2). */
    abstract void emptyTheDatabase() throws SQLException;

    List<String> arguments(Path home) {
        List<String> args = new ArrayList<>(List.of("--workspace.data-dir=" + home.resolve("data"),
                "--workspace.log-dir=" + home.resolve("logs"),
                "--workspace.routes.folder=" + home.resolve("routes"),
                "--workspace.security.local.initial-password=Backup-Test-2026"));
        args.addAll(databaseArguments());
        return args;
    }

    @Test
    void aBackupTakenWhileRunningRestoresTheSameDataAndAVerifiedChain() throws Exception {
        Path source = base.resolve("source");
        Path target = base.resolve("target");
        Path backupDir = base.resolve("backup");
        Map<String, List<String>> rowsBefore;
        Map<String, List<String>> rowsAfter;
        Map<String, String> filesBefore;
        String deliveryId = "backup-it-delivery-1";
        try (ConfigurableApplicationContext app = start(source)) {
            app.getBean(FileUploads.class).store(FilePath.of("/法制室/契約.txt"),
                    new ByteArrayInputStream("決標前不公開".getBytes(StandardCharsets.UTF_8)),
                    new LabelRequest("secret", "vendor prices", null, null, "決標公告後解密", false, null, null),
                    ALICE);
            app.getBean(CopyRegister.class).register(deliveryId, "file-1", "/法制室/契約.txt", "secret",
                    "download", "alice", "etag-1");

            // Online: the workspace keeps running while the backup is taken.
            rowsBefore = rows(app.getBean(DataSource.class));
            Output backup = command(source, "backup", backupDir.toString());
            assertThat(backup.status()).as(backup.text()).isZero();
            assertThat(backup.text()).contains("backup written to");
            rowsAfter = rows(app.getBean(DataSource.class));
        }
        filesBefore = files(source.resolve("data/files"));
        assertThat(filesBefore).isNotEmpty();
        assertThat(rowsBefore.get("file_copy")).anyMatch(row -> row.contains(deliveryId));
        assertThat(rowsBefore.get("audit_event")).isNotEmpty();
        assertThat(Files.readString(backupDir.resolve(BackupManifest.SUMS))).contains("database/");
        emptyTheDatabase();

        // A damaged copy is refused, and nothing is written.
        Path damaged = base.resolve("damaged");
        copyTree(backupDir, damaged);
        Path someData = Files.walk(damaged.resolve("data")).filter(Files::isRegularFile).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(someData);
        bytes[0] ^= 1; // same size, one bit changed
        Files.write(someData, bytes);
        Output refused = command(target, "restore", damaged.toString());
        assertThat(refused.status()).as(refused.text()).isEqualTo(BackupCommand.REFUSED);
        assertThat(refused.text()).contains("checksum differs: " + damaged.relativize(someData));
        assertThat(target.resolve("data")).doesNotExist();

        Output verify = command(target, "restore", backupDir.toString(), "--verify");
        assertThat(verify.status()).as(verify.text()).isZero();
        assertThat(target.resolve("data")).doesNotExist();

        Output restore = command(target, "restore", backupDir.toString());
        assertThat(restore.status()).as(restore.text()).isZero();

        // Restoring again onto what is now there is refused.
        Output again = command(target, "restore", backupDir.toString());
        assertThat(again.status()).as(again.text()).isEqualTo(BackupCommand.REFUSED);
        assertThat(again.text()).contains("is not empty");

        Output audit = command(target, "audit", "verify");
        assertThat(audit.status()).as(audit.text()).isZero();

        assertThat(files(target.resolve("data/files"))).isEqualTo(filesBefore);
        // Read before anything starts on it: a row unchanged while the backup ran is restored, and
        // every restored row existed at the backup's start or end (the workspace kept writing).
        Map<String, List<String>> restoredRows = rows(restoredDatabase(target));
        assertThat(restoredRows.keySet()).isEqualTo(rowsBefore.keySet());
        rowsBefore.forEach((table, before) -> {
            List<String> stable = new ArrayList<>(before);
            stable.retainAll(rowsAfter.get(table));
            List<String> either = new ArrayList<>(before);
            either.addAll(rowsAfter.get(table));
            assertThat(restoredRows.get(table)).as(table).containsAll(stable);
            assertThat(either).as(table).containsAll(restoredRows.get(table));
        });
        assertThat(restoredRows.get("file_copy")).anyMatch(row -> row.contains(deliveryId));

        try (ConfigurableApplicationContext restored = start(target)) {
            assertThat(restored.getBean(CopyRegister.class).find(deliveryId)).hasValueSatisfying(copy ->
                    assertThat(copy.path()).isEqualTo("/法制室/契約.txt"));
        }
    }

    ConfigurableApplicationContext start(Path home) {
        List<String> args = new ArrayList<>(arguments(home));
        args.addAll(List.of("--server.port=0", "--management.server.port=0"));
        return new SpringApplicationBuilder(WorkspaceApplication.class).run(args.toArray(String[]::new));
    }

    record Output(int status, String text) {
    }

    /** Runs a command of the jar ({@code backup DIR}, {@code audit verify}, ...) with home's settings. */
    Output command(Path home, String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.addAll(arguments(home));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String[] array = args.toArray(String[]::new);
        int status = words[0].equals("audit") ? AuditCommand.run(WorkspaceApplication.class, array, out)
                : BackupCommand.run(array, out);
        return new Output(status, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Every table's rows as text, in a stable order. */
    static Map<String, List<String>> rows(DataSource dataSource) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet result = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (result.next()) {
                    names.add(result.getString("TABLE_NAME").toLowerCase());
                }
            }
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            // One text per instant, whichever type the driver hands out for it.
                            Object value = result.getObject(column);
                            if (value instanceof java.sql.Timestamp timestamp) {
                                value = timestamp.toInstant();
                            } else if (value instanceof java.time.OffsetDateTime time) {
                                value = time.toInstant();
                            }
                            row.append(meta.getColumnName(column).toLowerCase()).append('=')
                                    .append(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : value)
                                    .append(';');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        return tables;
    }

    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), BackupManifest.sha256(file));
            }
        }
        return files;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.toList()) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
    }
}

package org.agencyworkspace.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.agencyworkspace.platform.backup.BackupManifest.Entry;
import org.agencyworkspace.platform.backup.BackupManifest.Kind;
import org.agencyworkspace.platform.backup.BackupSettings.PostgresDatabase;

/**
 * Backs the workspace up into a folder and restores it from one: the database (H2 through its
 * online {@code BACKUP}, PostgreSQL through {@code pg_dump}, both consistent while the
 * workspace runs), the data folder (files, keys, secrets), the audit anchors and the
 * configuration, with a manifest of SHA-256 checksums. A restore checks the whole manifest
 * first and writes only onto an empty data folder and an empty database.
 */
final class WorkspaceBackup {

    static final String H2_DUMP = "database/h2.zip";
    static final String POSTGRES_DUMP = "database/postgresql.dump";

    private final BackupSettings settings;
    private final PrintStream out;

    WorkspaceBackup(BackupSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Takes a backup into {@code dir}, which must not exist or be empty. */
    BackupManifest backup(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            try (Stream<Path> content = Files.list(target)) {
                if (content.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(target + " is not empty: a backup goes into a new folder");
                }
            }
        }
        createOwnerOnly(target);
        List<Entry> entries = new ArrayList<>();
        // The database first: files written after it are at worst newer than the rows naming them.
        entries.add(dumpDatabase(target));
        copyTree(settings.dataDir(), target, "data", Kind.DATA, entries);
        if (Files.isRegularFile(settings.anchorFile())) {
            entries.add(copyInto(target, settings.anchorFile(), "logs/audit-anchors.jsonl", Kind.ANCHORS,
                    settings.anchorFile().toString()));
        }
        for (Map.Entry<String, Path> key : settings.keyFiles().entrySet()) {
            if (Files.isRegularFile(key.getValue())) {
                entries.add(copyInto(target, key.getValue(), "keys/" + key.getKey(), Kind.KEY,
                        key.getValue().toString()));
            }
        }
        int index = 0;
        for (Path location : settings.configLocations()) {
            if (Files.exists(location)) {
                copyTree(location, target, "config/" + index++, Kind.CONFIG, entries);
            }
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(),
                settings.databaseKind(), List.copyOf(entries));
        manifest.write(target);
        return manifest;
    }

    /**
     * Checks {@code dir} against its manifest and, unless {@code dryRun}, restores it.
     *
     * @return the problems found; nothing is written when there is any
     */
    List<String> restore(Path dir, boolean dryRun) throws IOException {
        Path source = dir.toAbsolutePath().normalize();
        BackupManifest manifest = BackupManifest.read(source);
        List<String> problems = new ArrayList<>(manifest.problems(source));
        if (!manifest.database().equals(settings.databaseKind())) {
            problems.add("the backup holds a " + manifest.database() + " database but this workspace uses "
                    + settings.databaseKind() + (manifest.database().equals("h2")
                            ? " (restore it onto H2, then move it with `migrate-to-postgres`)" : ""));
        }
        problems.addAll(targetProblems(manifest));
        out.printf("backup of %s, %s database, %d files%n", manifest.created(), manifest.database(),
                manifest.entries().size());
        if (!problems.isEmpty() || dryRun) {
            return problems;
        }
        // The database first: a failed pg_restore (one transaction) leaves everything as it was.
        restoreDatabase(source);
        for (Entry entry : manifest.entries()) {
            Path file = source.resolve(entry.path());
            switch (entry.kind()) {
                case DATA -> copyFile(file, settings.dataDir().resolve(entry.origin()));
                case ANCHORS -> copyFile(file, settings.anchorFile());
                case KEY -> copyFile(file, keyTarget(entry));
                case CONFIG -> restoreConfig(file, Path.of(entry.origin()));
                case DATABASE -> { } // restored above
            }
        }
        return List.of();
    }

    private Path keyTarget(Entry entry) {
        String name = entry.path().substring("keys/".length());
        return settings.keyFiles().getOrDefault(name, Path.of(entry.origin()));
    }

    /** What stands in the way of a restore here: it only writes where nothing is yet. */
    private List<String> targetProblems(BackupManifest manifest) throws IOException {
        List<String> problems = new ArrayList<>();
        if (Files.exists(settings.dataDir())) {
            try (Stream<Path> content = Files.list(settings.dataDir())) {
                if (content.findAny().isPresent()) {
                    problems.add("the data folder " + settings.dataDir() + " is not empty");
                }
            }
        }
        if (Files.exists(settings.anchorFile())) {
            problems.add("the audit anchors " + settings.anchorFile() + " exist already");
        }
        for (Entry entry : manifest.entries()) {
            if (entry.kind() == Kind.KEY && Files.exists(keyTarget(entry))) {
                problems.add("the key " + keyTarget(entry) + " exists already");
            }
        }
        if (settings.database() != null && settings.databaseKind().equals(manifest.database())) {
            try {
                if (postgresTables(settings.database()) > 0) {
                    problems.add("the database " + settings.database() + " is not empty");
                }
            } catch (SQLException e) {
                problems.add("cannot reach the database " + settings.database() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private Entry dumpDatabase(Path target) throws IOException {
        Files.createDirectories(target.resolve("database"));
        if (settings.database() == null) {
            Path dump = target.resolve(H2_DUMP);
            if (!Files.exists(settings.dataDir().resolve("db/workspace.mv.db"))) {
                throw new IOException("no embedded database in " + settings.dataDir());
            }
            EmbeddedDatabaseConfiguration.Settings h2 = EmbeddedDatabaseConfiguration.embedded(settings.dataDir());
            try (Connection connection = DriverManager.getConnection(h2.url(), h2.username(), h2.password());
                    PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
                backup.setString(1, dump.toString());
                backup.execute();
            } catch (SQLException e) {
                throw new IOException("H2 BACKUP failed: " + e.getMessage(), e);
            }
            return BackupManifest.entry(target, Kind.DATABASE, dump, "h2");
        }
        PostgresDatabase database = settings.database();
        Path dump = target.resolve(POSTGRES_DUMP);
        List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-owner",
                "--no-privileges", "--file=" + dump));
        if (database.schema() != null) {
            command.add("--schema=" + database.schema());
        }
        command.addAll(database.connectionArguments());
        run(command, database);
        return BackupManifest.entry(target, Kind.DATABASE, dump, "postgresql");
    }

    private void restoreDatabase(Path source) throws IOException {
        if (settings.database() == null) {
            unzip(source.resolve(H2_DUMP), settings.dataDir().resolve("db"));
            return;
        }
        List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges",
                "--exit-on-error", "--single-transaction"));
        command.addAll(settings.database().connectionArguments());
        command.add(source.resolve(POSTGRES_DUMP).toString());
        run(command, settings.database());
    }

    private static void run(List<String> command, PostgresDatabase database) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(database.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is needed for a PostgreSQL backup (Debian package "
                    + "postgresql-client): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(command.get(0) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException(command.get(0) + " interrupted", e);
        }
    }

    private static int postgresTables(PostgresDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?")) {
            count.setString(1, database.schema() == null ? "public" : database.schema());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Copies {@code root}'s files under {@code backupDir/prefix}, leaving out the live H2 files. */
    private void copyTree(Path root, Path backupDir, String prefix, Kind kind, List<Entry> entries)
            throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Path embeddedDb = settings.dataDir().resolve("db");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !(kind == Kind.DATA && file.startsWith(embeddedDb)))
                    .filter(file -> !file.equals(settings.anchorFile()))
                    .sorted().toList();
        }
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            String origin = kind == Kind.DATA ? relative : file.toString();
            if (Files.isRegularFile(root)) {
                relative = root.getFileName().toString();
            }
            entries.add(copyInto(backupDir, file, prefix + "/" + relative, kind, origin));
        }
    }

    private static Entry copyInto(Path backupDir, Path file, String path, Kind kind, String origin)
            throws IOException {
        Path copy = backupDir.resolve(path);
        copyFile(file, copy);
        return BackupManifest.entry(backupDir, kind, copy, origin);
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** Configuration goes back only where there is none; a different file there is reported. */
    private void restoreConfig(Path file, Path origin) throws IOException {
        if (!Files.exists(origin)) {
            copyFile(file, origin);
        } else if (!BackupManifest.sha256(origin).equals(BackupManifest.sha256(file))) {
            out.println("kept the existing " + origin + " (differs from the backup's copy)");
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("refused zip entry outside the database folder: " + entry.getName());
                }
                if (!entry.isDirectory()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }
}

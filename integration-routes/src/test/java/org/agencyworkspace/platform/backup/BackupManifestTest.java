package org.agencyworkspace.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.agencyworkspace.platform.backup.BackupManifest.Entry;
import org.agencyworkspace.platform.backup.BackupManifest.Kind;
import org.agencyworkspace.platform.backup.BackupSettings.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupManifestTest {

    @TempDir
    Path dir;

    private BackupManifest written() throws IOException {
        Files.createDirectories(dir.resolve("database"));
        Files.createDirectories(dir.resolve("data/files"));
        Files.write(dir.resolve("database/h2.zip"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.writeString(dir.resolve("data/files/公文.txt"), "密 — 決標前不公開");
        Files.writeString(dir.resolve("data/workspace.key"), "0123456789abcdef0123456789abcdef");
        List<Entry> entries = List.of(
                BackupManifest.entry(dir, Kind.DATABASE, dir.resolve("database/h2.zip"), "h2"),
                BackupManifest.entry(dir, Kind.DATA, dir.resolve("data/files/公文.txt"), "files/公文.txt"),
                BackupManifest.entry(dir, Kind.DATA, dir.resolve("data/workspace.key"), "workspace.key"));
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(), "h2", entries);
        manifest.write(dir);
        return manifest;
    }

    @Test
    void anIntactBackupHasNoProblemsAndReadsBackTheSame() throws IOException {
        BackupManifest manifest = written();

        assertThat(BackupManifest.read(dir)).isEqualTo(manifest);
        assertThat(manifest.problems(dir)).isEmpty();
        assertThat(Files.readString(dir.resolve(BackupManifest.SUMS)))
                .contains(manifest.entries().get(1).sha256() + "  data/files/公文.txt\n");
    }

    /** Seeded damage: every flipped bit, truncation, removal or added file is reported. */
    @Test
    void everyDamageIsFound() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        BackupManifest manifest = written();
        for (int round = 0; round < 200; round++) {
            Entry entry = manifest.entries().get(random.nextInt(manifest.entries().size()));
            Path file = dir.resolve(entry.path());
            byte[] original = Files.readAllBytes(file);
            int damage = random.nextInt(4);
            Path extra = dir.resolve("data/extra-" + round);
            switch (damage) {
                case 0 -> {
                    byte[] flipped = original.clone();
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                    Files.write(file, flipped);
                }
                case 1 -> Files.write(file, java.util.Arrays.copyOf(original, random.nextInt(original.length)));
                case 2 -> Files.delete(file);
                default -> Files.writeString(extra, "x");
            }
            assertThat(manifest.problems(dir)).as("seed %d, round %d, damage %d to %s", seed, round, damage, entry.path())
                    .isNotEmpty();
            Files.write(file, original);
            Files.deleteIfExists(extra);
            assertThat(manifest.problems(dir)).as("seed %d, round %d repaired", seed, round).isEmpty();
        }
    }

    @Test
    void aManifestPointingOutsideTheBackupOrWithoutDatabaseIsRefused() throws IOException {
        written();
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(Kind.DATA, "../outside", "x", 1, "00"));
        BackupManifest hostile = new BackupManifest(BackupManifest.FORMAT, Instant.now(), "h2", entries);

        assertThat(hostile.problems(dir)).contains("entry outside the backup: ../outside",
                "no database dump in the manifest");
    }

    @Test
    void anotherFormatOrNoManifestIsRefused() throws IOException {
        assertThatThrownBy(() -> BackupManifest.read(dir)).hasMessageContaining("not a workspace backup");
        new BackupManifest(99, Instant.now(), "h2", List.of()).write(dir);
        assertThatThrownBy(() -> BackupManifest.read(dir)).hasMessageContaining("format 99 is not supported");
    }

    @Test
    void postgresqlSettingsComeFromTheJdbcUrlAndTheSecretStaysOutOfArguments() {
        PostgresDatabase database = PostgresDatabase.parse(
                "jdbc:postgresql://db.agency.internal:5433/workspace?sslmode=verify-full&currentSchema=ws", "workspace",
                "s3cret-password");

        assertThat(database.connectionArguments()).containsExactly("--host=db.agency.internal", "--port=5433",
                "--username=workspace", "--dbname=workspace").noneMatch(argument -> argument.contains("s3cret"));
        assertThat(database.environment()).containsEntry("PGPASSWORD", "s3cret-password")
                .containsEntry("PGSSLMODE", "verify-full");
        assertThat(database.schema()).isEqualTo("ws");
        assertThat(database.toString()).doesNotContain("s3cret");
        assertThat(PostgresDatabase.parse("jdbc:postgresql://localhost/workspace", "u", "p").port()).isEqualTo(5432);
        assertThatThrownBy(() -> PostgresDatabase.parse("jdbc:mysql://x/y?password=top", "u", "p"))
                .hasMessageContaining("H2 and PostgreSQL").hasMessageNotContaining("top");
    }
}

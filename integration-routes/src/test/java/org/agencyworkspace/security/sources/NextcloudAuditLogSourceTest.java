package org.agencyworkspace.security.sources;

import static org.agencyworkspace.security.sources.NextcloudAuditLogMapperTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.agencyworkspace.platform.audit.AuditChainVerifier;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Following a synthetic audit.log in a temporary folder into a real (in-memory H2) audit trail:
 * offsets, half-written lines, rotation, restarts.
 */
class NextcloudAuditLogSourceTest {

    @TempDir
    Path folder;

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(jdbc, NextcloudAuditLogMapperTest.JSON,
            new DataSourceTransactionManager(database.dataSource()));
    private final AuditCursors cursors = new AuditCursors(jdbc);

    private NextcloudAuditLogSource source(Path file, int batchSize) {
        return new NextcloudAuditLogSource(file, new NextcloudAuditLogMapper(NextcloudAuditLogMapperTest.JSON,
                "workspace", NextcloudAuditLogMapper.Labels.NONE), trail, cursors, jdbc,
                database.transactions(), batchSize);
    }

    @Test
    void eachPollRecordsOnlyNewCompleteLinesAndKeepsBrokenOnesTagged() throws IOException {
        Path log = folder.resolve("audit.log");
        append(log, line("--", "Login failed: \"bob\"") + "\n" + "{not json\n"
                + line("admin", "App enabled: \"calendar\"") + "\n");
        NextcloudAuditLogSource source = source(log, 500);

        assertThat(source.poll()).isEqualTo(3);
        assertThat(actions()).containsExactly("login.failure", "nextcloud.unparsed", "nextcloud.message");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tags LIKE '%parse_error%'")
                .query(Long.class).single()).isEqualTo(2);

        // A line still being written waits; nothing is recorded twice.
        String half = line("alice", "File accessed: \"/a.txt\"");
        append(log, line("alice", "Login successful: \"alice\"") + "\n" + half.substring(0, 40));
        assertThat(source.poll()).isEqualTo(1);
        assertThat(source.poll()).isZero();
        append(log, half.substring(40) + "\n");
        assertThat(source.poll()).isEqualTo(1);

        assertThat(actions()).containsExactly("login.failure", "nextcloud.unparsed", "nextcloud.message",
                "login.success", "file.download");
        assertThat(cursors.get(NextcloudAuditLogSource.CURSOR).position()).isEqualTo(Files.size(log));
        assertThat(new AuditChainVerifier(jdbc).verify().intact()).isTrue();
    }

    @Test
    void aRestartResumesAtThePersistedOffsetAndARereadLineIsNotRecordedTwice() throws IOException {
        Path log = folder.resolve("audit.log");
        for (int i = 0; i < 7; i++) {
            append(log, line("alice", "File with id \"" + i + "\" accessed: \"/f" + i + ".txt\"") + "\n");
        }
        // Small batches: the offset moves batch by batch.
        assertThat(source(log, 3).poll()).isEqualTo(7);
        append(log, line("alice", "Logout occurred") + "\n");

        // A new source (a restarted workspace) with the same database.
        assertThat(source(log, 3).poll()).isEqualTo(1);
        // Even with the offset lost, the lines already recorded stay single.
        cursors.set(NextcloudAuditLogSource.CURSOR, AuditCursors.Cursor.START);
        assertThat(source(log, 3).poll()).isZero();

        assertThat(actions()).hasSize(8).endsWith("logout");
    }

    @Test
    void aFileRotatedByRenamingIsReadToItsEndBeforeTheNewOne() throws IOException {
        Path log = folder.resolve("audit.log");
        NextcloudAuditLogSource source = source(log, 500);
        append(log, line("alice", "File with id \"1\" created: \"/one.txt\"") + "\n");
        assertThat(source.poll()).isEqualTo(1);

        // Written after the last poll, then Nextcloud's rotation renames the file.
        append(log, line("alice", "File with id \"2\" created: \"/two.txt\"") + "\n");
        Files.move(log, folder.resolve("audit.log.1"), StandardCopyOption.ATOMIC_MOVE);
        append(log, line("alice", "File with id \"3\" created: \"/three.txt\"") + "\n");

        assertThat(source.poll()).isEqualTo(2);
        assertThat(targets()).containsExactly("/one.txt", "/two.txt", "/three.txt");
        assertThat(source.poll()).isZero();
    }

    @Test
    void aTruncatedOrReplacedFileIsReadFromItsStart() throws IOException {
        Path log = folder.resolve("audit.log");
        NextcloudAuditLogSource source = source(log, 500);
        append(log, line("alice", "File with id \"1\" created: \"/one.txt\"") + "\n"
                + line("alice", "File with id \"2\" created: \"/two.txt\"") + "\n");
        assertThat(source.poll()).isEqualTo(2);

        // copytruncate: same file, now shorter than the offset
        Files.writeString(log, line("alice", "File with id \"3\" created: \"/three.txt\"") + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(source.poll()).isEqualTo(1);

        // replaced by another file (no audit.log.1 to finish)
        Path replacement = folder.resolve("new.log");
        Files.writeString(replacement, line("alice", "File with id \"4\" created: \"/four.txt\"") + "\n");
        Files.move(replacement, log, StandardCopyOption.REPLACE_EXISTING);
        assertThat(source.poll()).isEqualTo(1);

        assertThat(targets()).containsExactly("/one.txt", "/two.txt", "/three.txt", "/four.txt");
    }

    @Test
    void noFileYetIsNothingToRead() {
        assertThat(source(folder.resolve("missing.log"), 500).poll()).isZero();
        assertThat(actions()).isEmpty();
    }

    private List<String> actions() {
        return jdbc.sql("SELECT action FROM audit_event ORDER BY chain_seq").query(String.class).list();
    }

    private List<String> targets() {
        return jdbc.sql("SELECT target_id FROM audit_event ORDER BY chain_seq").query(String.class).list();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

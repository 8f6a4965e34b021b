package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.agencyworkspace.WorkspaceApplication;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code audit verify} as the command line runs it, on the embedded H2 database: intact after
 * real appends, exit status 2 and the row's id once a row is edited behind the workspace's back,
 * and exit status 2 once the keyed, anchored chain is truncated or rewritten without the key.
 */
class AuditCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void anEditedRowMakesVerifyFailWithItsId() {
        Run first = verify();
        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("Audit chain intact");

        EmbeddedDatabaseConfiguration.Settings database = EmbeddedDatabaseConfiguration.embedded(dataDir);
        DriverManagerDataSource h2 = new DriverManagerDataSource(database.url(),
                database.username(), database.password());
        JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(h2), new ObjectMapper(),
                new DataSourceTransactionManager(h2));
        AuditEvent refused = AuditEvent.of("file.download", "file").actor("alice", "Alice")
                .target("file", "/機密/預算.pdf", "confidential").failure("step-up required").build();
        trail.record(refused);
        trail.record(AuditEvent.of("login.success", "authentication").actor("bob", "Bob").build());
        assertThat(verify().status()).isZero();

        JdbcClient.create(h2).sql("UPDATE audit_event SET outcome = 'success' WHERE id = :id")
                .param("id", refused.id()).update();
        Run broken = verify();

        assertThat(broken.status()).as(broken.output()).isEqualTo(AuditCommand.BROKEN);
        assertThat(broken.output()).contains("BROKEN", refused.id(), "CONTENT_CHANGED");
    }

    @Test
    void deletingTheNewestRowsAndResettingTheHeadIsReportedAsATruncation() {
        assertThat(verify().status()).isZero(); // migrates the database, makes the key file
        Keyed keyed = keyedAsTheRunningWorkspace();
        for (int i = 0; i < 5; i++) {
            keyed.trail().record(AuditEvent.of("file.download", "file").actor("alice", "Alice")
                    .target("file", "/機密/預算-" + i + ".pdf", "secret").success().build());
        }
        keyed.keeper().tick();
        long head = keyed.trail().head().seq();
        Run anchored = verify();
        assertThat(anchored.status()).as(anchored.output()).isZero();
        assertThat(anchored.output()).contains("intact: " + head + " rows", "the newest is at position " + head);

        // The review's attack: the newest rows deleted and the head reset to the last one kept.
        long kept = head - 3;
        JdbcClient jdbc = JdbcClient.create(keyed.h2());
        jdbc.sql("DELETE FROM audit_event WHERE chain_seq > :kept").param("kept", kept).update();
        jdbc.sql("UPDATE audit_chain_head SET seq = :kept, hash = (SELECT hash FROM audit_event WHERE chain_seq = :kept)"
                + " WHERE id = 1").param("kept", kept).update();
        Run truncated = verify();

        assertThat(truncated.status()).as(truncated.output()).isEqualTo(AuditCommand.BROKEN);
        assertThat(truncated.output()).contains("BROKEN", "TRUNCATED", "head is at " + kept);
    }

    @Test
    void aRowRewrittenWithRecomputedUnkeyedHashesIsReported() {
        assertThat(verify().status()).isZero();
        Keyed keyed = keyedAsTheRunningWorkspace();
        AuditEvent refused = AuditEvent.of("file.download", "file").actor("alice", "Alice")
                .target("file", "/機密/預算.pdf", "secret").failure("step-up required").build();
        keyed.trail().record(refused);
        keyed.trail().record(AuditEvent.of("login.success", "authentication").actor("bob", "Bob").build());
        keyed.keeper().tick();

        // Rewritten, and every hash from it on recomputed as SHA-256 (no key needed for that).
        JdbcClient jdbc = JdbcClient.create(keyed.h2());
        jdbc.sql("UPDATE audit_event SET outcome = 'success', reason = NULL WHERE id = :id").param("id", refused.id()).update();
        String previous = jdbc.sql("SELECT prev_hash FROM audit_event WHERE id = :id").param("id", refused.id())
                .query(String.class).single();
        long from = jdbc.sql("SELECT chain_seq FROM audit_event WHERE id = :id").param("id", refused.id())
                .query(Long.class).single();
        for (long seq = from; seq <= from + 1; seq++) {
            AuditRow row = jdbc.sql("SELECT * FROM audit_event WHERE chain_seq = :seq").param("seq", seq)
                    .query((result, i) -> AuditRow.read(result)).single();
            String hash = AuditChain.hash(seq, previous, row);
            jdbc.sql("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE chain_seq = :seq")
                    .param("prev", previous).param("hash", hash).param("seq", seq).update();
            previous = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET hash = :hash WHERE id = 1").param("hash", previous).update();
        Run rewritten = verify();

        assertThat(rewritten.status()).as(rewritten.output()).isEqualTo(AuditCommand.BROKEN);
        assertThat(rewritten.output()).contains("CONTENT_CHANGED", refused.id());
    }

    /**
     * The chain keyed and anchored as the running workspace's anchor route does at start, with
     * the key file the first start made and the anchor file in its log folder.
     */
    private Keyed keyedAsTheRunningWorkspace() {
        EmbeddedDatabaseConfiguration.Settings database = EmbeddedDatabaseConfiguration.embedded(dataDir);
        DriverManagerDataSource h2 = new DriverManagerDataSource(database.url(),
                database.username(), database.password());
        AuditChainKey key = AuditChainKey.fromFile(dataDir.resolve("audit-chain.key"), false);
        assertThat(key.present()).isTrue();
        JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(h2), new ObjectMapper(),
                new DataSourceTransactionManager(h2), key);
        AuditChainKeeper keeper = new AuditChainKeeper(trail,
                new AuditAnchors(dataDir.resolve("logs/audit-anchors.jsonl"), key, Clock.systemUTC()), key);
        keeper.tick();
        return new Keyed(h2, trail, keeper);
    }

    private record Keyed(DriverManagerDataSource h2, JdbcAuditTrail trail, AuditChainKeeper keeper) {
    }

    @Test
    void anUnknownOptionIsRefusedWithoutStarting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCommand.run(WorkspaceApplication.class,
                new String[] {"audit", "verify", "--fix"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unknown option --fix");
    }

    private Run verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCommand.run(WorkspaceApplication.class, new String[] {"audit", "verify",
                "--workspace.data-dir=" + dataDir, "--workspace.log-dir=" + dataDir.resolve("logs"),
                "--workspace.routes.folder=" + dataDir.resolve("routes")},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }
}

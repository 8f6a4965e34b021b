package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.platform.audit.ChainVerification.Reason;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The keyed, anchored chain against someone who can write the database but holds neither the
 * key nor the anchor file: an upgraded chain (unkeyed rows, then the cut-over), anchored, then
 * truncated or rewritten the way the review did it.
 */
class KeyedAuditChainTest {

    @TempDir
    Path folder;

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(database.dataSource());
    private AuditChainKey key;
    private AuditAnchors anchors;
    private JdbcAuditTrail trail;
    private AuditChainVerifier verifier;

    @BeforeEach
    void keyedChain() {
        key = AuditChainKey.fromFile(folder.resolve("audit-chain.key"), true);
        anchors = new AuditAnchors(folder.resolve("logs/audit-anchors.jsonl"), key, Clock.systemUTC());
        trail = new JdbcAuditTrail(jdbc, new ObjectMapper(), transactions, key);
        verifier = new AuditChainVerifier(jdbc, key, anchors);
    }

    @Test
    void anUpgradedChainIsKeyedFromTheCutOverAndStaysVerifiable() throws IOException {
        JdbcAuditTrail unkeyed = new JdbcAuditTrail(jdbc, new ObjectMapper(), transactions);
        record(unkeyed, 3);

        assertThat(trail.keyChain()).isEqualTo(4);
        assertThat(trail.keyChain()).isEqualTo(4); // once per database
        record(trail, 3);
        anchors.anchor(trail.head());

        ChainVerification result = verifier.verify();
        assertThat(result.intact()).as(result.toText()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(7);
        assertThat(result.newestAnchor()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE chain_seq = 4").query(String.class).single())
                .isEqualTo(AuditChain.CUT_OVER_ACTION);
        // Keyed rows do not carry their plain SHA-256.
        AuditRow fifth = row(5);
        assertThat(hashAt(5)).isNotEqualTo(AuditChain.hash(5, prevHashAt(5), fifth));
        // The key file is the service's only; the anchor names the key but never holds it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("audit-chain.key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(anchors.file())).doesNotContain(Files.readString(folder.resolve("audit-chain.key")).strip());
        // A writer without the key may not append to a keyed chain.
        assertThatThrownBy(() -> record(unkeyed, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keyed");
    }

    @Test
    void deletingTheNewestRowsAndResettingTheHeadIsATruncation() {
        trail.keyChain();
        record(trail, 6);
        anchors.anchor(trail.head());

        // The review's attack: delete the newest rows, point the head at the last one kept.
        jdbc.sql("DELETE FROM audit_event WHERE chain_seq > 4").update();
        jdbc.sql("UPDATE audit_chain_head SET seq = 4, hash = :hash WHERE id = 1").param("hash", hashAt(4)).update();

        ChainVerification result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstProblem().reason()).as(result.toText()).isEqualTo(Reason.TRUNCATED);
        assertThat(result.toText()).contains("position 7", "head is at 4");
    }

    @Test
    void aRowRewrittenWithRecomputedUnkeyedHashesIsFound() {
        trail.keyChain();
        List<AuditEvent> events = record(trail, 5);
        anchors.anchor(trail.head());

        rewrite(3, 3, false);

        ChainVerification result = verifier.verify();
        assertThat(result.firstProblem().reason()).as(result.toText()).isEqualTo(Reason.CONTENT_CHANGED);
        assertThat(result.firstProblem().position()).isEqualTo(3);
        assertThat(result.firstProblem().eventId()).isEqualTo(events.get(1).id());
    }

    @Test
    void movingTheCutOverToPassOffRewrittenRowsAsUnkeyedIsFoundByTheAnchors() {
        trail.keyChain();
        record(trail, 5);
        anchors.anchor(trail.head());

        // Every keyed row recomputed as an unkeyed one, from the cut-over on.
        rewrite(3, 1, true);

        ChainVerification result = verifier.verify();
        assertThat(result.firstProblem().reason()).as(result.toText()).isEqualTo(Reason.REWRITTEN);
    }

    @Test
    void rewritingTheUnkeyedRowsBeforeTheCutOverBreaksTheFirstKeyedLink() {
        JdbcAuditTrail unkeyed = new JdbcAuditTrail(jdbc, new ObjectMapper(), transactions);
        record(unkeyed, 3);
        trail.keyChain();
        record(trail, 2);
        anchors.anchor(trail.head());

        // Rows 1-3 are SHA-256 only: recomputable, but row 4 (keyed) carries row 3's old hash.
        String previous = prevHashAt(2);
        for (long seq = 2; seq <= 3; seq++) {
            AuditRow row = row(seq);
            if (seq == 2) {
                jdbc.sql("UPDATE audit_event SET outcome = 'success' WHERE chain_seq = 2").update();
                row = row(2);
            }
            String hash = AuditChain.hash(seq, previous, row);
            jdbc.sql("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE chain_seq = :seq")
                    .param("prev", previous).param("hash", hash).param("seq", seq).update();
            previous = hash;
        }

        ChainVerification result = verifier.verify();
        assertThat(result.firstProblem().reason()).as(result.toText()).isEqualTo(Reason.LINK_BROKEN);
        assertThat(result.firstProblem().position()).isEqualTo(4);
    }

    @Test
    void aKeyedChainWithoutItsAnchorsOrWithAForgedOneIsNotIntact() throws IOException {
        trail.keyChain();
        record(trail, 2);
        ChainVerification unanchored = verifier.verify();
        assertThat(unanchored.firstProblem().reason()).as(unanchored.toText()).isEqualTo(Reason.ANCHORS_MISSING);

        anchors.anchor(trail.head());
        assertThat(verifier.verify().intact()).isTrue();
        // An anchor written by someone without the key.
        AuditAnchors forger = new AuditAnchors(anchors.file(), AuditChainKey.of(
                java.util.Base64.getEncoder().encodeToString(new byte[32])), Clock.systemUTC());
        forger.anchor(new JdbcAuditTrail.Head(1, hashAt(1), 1L));
        ChainVerification forged = verifier.verify();
        assertThat(forged.firstProblem().reason()).as(forged.toText()).isEqualTo(Reason.ANCHORS_MISSING);
        assertThat(forged.firstProblem().detail()).contains("not made with this chain key");

        Files.writeString(anchors.file(), "not json\n", StandardCharsets.UTF_8);
        assertThat(verifier.verify().firstProblem().detail()).contains("line 1");
    }

    @Test
    void aReplacedKeyOrNoKeyCannotCheckKeyedRows() {
        trail.keyChain();
        record(trail, 2);
        anchors.anchor(trail.head());

        ChainVerification withoutKey = new AuditChainVerifier(jdbc).verify();
        assertThat(withoutKey.firstProblem().reason()).isEqualTo(Reason.KEY_MISSING);
        AuditChainKey other = AuditChainKey.fromFile(folder.resolve("other.key"), true);
        ChainVerification otherKey = new AuditChainVerifier(jdbc, other, anchors).verify();
        assertThat(otherKey.firstProblem().reason()).isEqualTo(Reason.KEY_MISSING);
        assertThat(otherKey.firstProblem().detail()).contains("does not name this chain key");
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws IOException {
        Path loose = folder.resolve("loose.key");
        Files.writeString(loose, java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> AuditChainKey.fromFile(loose, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> AuditChainKey.of("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * What someone with only the database can do: change row {@code changed}, then recompute
     * plain SHA-256 hashes from row {@code from} on and the head; optionally also clear the
     * cut-over so those rows read as unkeyed ones.
     */
    private void rewrite(long changed, long from, boolean clearCutOver) {
        jdbc.sql("UPDATE audit_event SET outcome = 'success', reason = NULL WHERE chain_seq = :seq")
                .param("seq", changed).update();
        long head = trail.head().seq();
        String previous = prevHashAt(from);
        for (long seq = from; seq <= head; seq++) {
            String hash = AuditChain.hash(seq, previous, row(seq));
            jdbc.sql("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE chain_seq = :seq")
                    .param("prev", previous).param("hash", hash).param("seq", seq).update();
            previous = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET hash = :hash" + (clearCutOver ? ", keyed_from = NULL" : "")
                + " WHERE id = 1").param("hash", previous).update();
    }

    private List<AuditEvent> record(JdbcAuditTrail writer, int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditEvent event = AuditEvent.of("file.download", "file").actor("alice", "Alice")
                    .target("file", "/機密/預算-" + i + ".pdf", "secret").failure("step-up required").build();
            writer.record(event);
            events.add(event);
        }
        return events;
    }

    private AuditRow row(long seq) {
        return jdbc.sql("SELECT * FROM audit_event WHERE chain_seq = :seq").param("seq", seq)
                .query((result, i) -> AuditRow.read(result)).single();
    }

    private String hashAt(long seq) {
        return jdbc.sql("SELECT hash FROM audit_event WHERE chain_seq = :seq").param("seq", seq)
                .query(String.class).single();
    }

    private String prevHashAt(long seq) {
        return jdbc.sql("SELECT prev_hash FROM audit_event WHERE chain_seq = :seq").param("seq", seq)
                .query(String.class).single();
    }
}

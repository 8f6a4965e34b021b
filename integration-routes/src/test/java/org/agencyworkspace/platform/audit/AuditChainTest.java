package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.agencyworkspace.platform.audit.ChainVerification.Reason;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The hash chain on a real (in-memory H2) database: appends, tampering, deletion, concurrency. */
class AuditChainTest {

    private final TestDatabase database = new TestDatabase();
    private final JdbcClient jdbc = database.jdbc();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(jdbc, new ObjectMapper(),
            new DataSourceTransactionManager(database.dataSource()));
    private final AuditChainVerifier verifier = new AuditChainVerifier(jdbc);

    @Test
    void anUntouchedChainIsIntactAndEachRowLinksToTheOneBefore() {
        List<AuditEvent> events = record(5);

        ChainVerification result = verifier.verify();

        assertThat(result.intact()).as(result.toText()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(5);
        assertThat(result.toText()).contains("intact: 5 rows");
        String first = prevHashOf(events.get(0).id());
        assertThat(first).isEqualTo(AuditChain.GENESIS);
        assertThat(prevHashOf(events.get(1).id())).isEqualTo(hashOf(events.get(0).id()));
    }

    @Test
    void anEditedRowIsFoundWithItsPosition() {
        List<AuditEvent> events = record(6);
        jdbc.sql("UPDATE audit_event SET outcome = 'success', reason = NULL WHERE id = :id")
                .param("id", events.get(3).id()).update();

        ChainVerification result = verifier.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstProblem().reason()).isEqualTo(Reason.CONTENT_CHANGED);
        assertThat(result.firstProblem().position()).isEqualTo(4);
        assertThat(result.firstProblem().eventId()).isEqualTo(events.get(3).id());
        assertThat(result.rowsChecked()).isEqualTo(3);
    }

    @Test
    void anEditedRowWhoseHashWasRecomputedBreaksTheNextLink() {
        List<AuditEvent> events = record(4);
        AuditRow row = jdbc.sql("SELECT * FROM audit_event WHERE id = :id")
                .param("id", events.get(1).id()).query((result, i) -> AuditRow.read(result)).single();
        AuditRow forged = new AuditRow(row.id(), row.occurredAt(), row.action(), row.category(),
                "success", "mallory", row.userName(), row.targetType(), row.targetId(),
                row.classification(), row.sourceIp(), row.userAgent(), null, row.traceId(),
                row.details(), row.tags());
        String prev = prevHashOf(row.id());
        jdbc.sql("UPDATE audit_event SET user_id = 'mallory', outcome = 'success', reason = NULL,"
                        + " hash = :hash WHERE id = :id")
                .param("hash", AuditChain.hash(2, prev, forged)).param("id", row.id()).update();

        ChainVerification result = verifier.verify();

        assertThat(result.firstProblem().reason()).isEqualTo(Reason.LINK_BROKEN);
        assertThat(result.firstProblem().position()).isEqualTo(3);
        assertThat(result.firstProblem().eventId()).isEqualTo(events.get(2).id());
    }

    @Test
    void aDeletedRowAndDeletedNewestRowsAreFound() {
        List<AuditEvent> events = record(5);
        jdbc.sql("DELETE FROM audit_event WHERE id = :id").param("id", events.get(1).id()).update();

        ChainVerification middle = verifier.verify();

        assertThat(middle.firstProblem().reason()).isEqualTo(Reason.ROW_DELETED);
        assertThat(middle.firstProblem().position()).isEqualTo(2);
        assertThat(middle.firstProblem().eventId()).isEqualTo(events.get(2).id());
        assertThat(middle.toText()).contains("BROKEN at position 2", "ROW_DELETED");

        TestDatabase other = new TestDatabase();
        JdbcAuditTrail otherTrail = new JdbcAuditTrail(other.jdbc(), new ObjectMapper(),
                new DataSourceTransactionManager(other.dataSource()));
        for (int i = 0; i < 3; i++) {
            otherTrail.record(event(i));
        }
        other.jdbc().sql("DELETE FROM audit_event WHERE chain_seq = 3").update();
        ChainVerification tail = new AuditChainVerifier(other.jdbc()).verify();
        assertThat(tail.firstProblem().reason()).isEqualTo(Reason.ROW_DELETED);
        assertThat(tail.firstProblem().position()).isEqualTo(3);
    }

    @Test
    void aRowInsertedBesideTheChainIsFound() {
        record(2);
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, action, category, outcome, user_id)
                VALUES ('forged', CURRENT_TIMESTAMP, 'login.success', 'authentication', 'success', 'x')
                """).update();

        ChainVerification result = verifier.verify();

        assertThat(result.firstProblem().reason()).isEqualTo(Reason.ROW_INSERTED);
        assertThat(result.firstProblem().eventId()).isEqualTo("forged");
    }

    @Test
    void concurrentWritersKeepOneValidChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        if (i % 10 == 0) {
                            trail.recordAll(List.of(event(writer * 1000 + i), event(writer * 1000 + i + 500)));
                        } else {
                            trail.record(event(writer * 1000 + i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }

        ChainVerification result = verifier.verify();

        assertThat(result.intact()).as(result.toText()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(8 * 55);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single())
                .isEqualTo(8 * 55);
    }

    @Test
    void oversizedFieldsAreCutAndTaggedAndTheRowStillVerifies() {
        AuditEvent big = AuditEvent.of("file.download", "file").actor("alice", "Alice")
                .target("file", "/x/" + "很長".repeat(800), "secret")
                .source("10.0.0.1", "agent".repeat(200)).reason("r".repeat(3000))
                .details(Map.of("note", "n".repeat(9000), "parse_error", "bad json")).build();

        trail.record(big);

        AuditRow stored = jdbc.sql("SELECT * FROM audit_event WHERE id = :id").param("id", big.id())
                .query((result, i) -> AuditRow.read(result)).single();
        assertThat(stored.tagSet()).containsExactlyInAnyOrder(AuditRow.TRUNCATED, AuditRow.PARSE_ERROR);
        assertThat(stored.targetId()).hasSize(1000);
        assertThat(stored.userAgent()).hasSize(500);
        assertThat(stored.details().length()).isLessThanOrEqualTo(4000);
        assertThat(stored.toEvent(new ObjectMapper()).details()).containsKeys("note", "parse_error");
        assertThat(verifier.verify().intact()).isTrue();
    }

    private List<AuditEvent> record(int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditEvent event = event(i);
            trail.record(event);
            events.add(event);
        }
        return events;
    }

    private static AuditEvent event(int i) {
        return AuditEvent.of("login.failure", "authentication").actor("user" + i % 3, "使用者 " + i)
                .failure("bad password").source("10.0.0." + i % 7, "curl/8").traceId("t" + i)
                .details(Map.of("attempt", Integer.toString(i))).build();
    }

    private String prevHashOf(String id) {
        return jdbc.sql("SELECT prev_hash FROM audit_event WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    private String hashOf(String id) {
        return jdbc.sql("SELECT hash FROM audit_event WHERE id = :id").param("id", id)
                .query(String.class).single();
    }
}

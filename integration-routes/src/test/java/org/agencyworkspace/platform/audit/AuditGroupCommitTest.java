package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.support.CountingDataSource;
import org.agencyworkspace.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 22, the load bench's first bottleneck: every audited request waited for the chain head's
 * row lock while holding a pooled connection, so at 200 people the pool of 10 ran dry and
 * requests failed after 30 s. Writers without a transaction now queue without a connection and
 * are appended in groups.
 */
class AuditGroupCommitTest {

    private static final int WRITERS = 20;

    private final TestDatabase database = new TestDatabase();
    private final CountingDataSource counted = new CountingDataSource(database.dataSource());
    private final JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(counted), new ObjectMapper(),
            new DataSourceTransactionManager(counted));

    AuditGroupCommitTest() {
        // H2's default (2 s) is short for a machine shared by many builds.
        database.jdbc().sql("SET DEFAULT_LOCK_TIMEOUT 60000").update();
    }

    @Test
    void writersWaitingForTheChainHoldNoConnectionAndAreAppendedTogetherEachFailingOnlyByItsOwnFault()
            throws Exception {
        AuditEvent original = event("first");
        trail.record(original);
        counted.reset();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Thread> writerThreads = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> writers = new ArrayList<>();
        // Another process (a command beside the workspace) holds the chain head meanwhile.
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
            }
            for (int i = 0; i < WRITERS; i++) {
                // Writer 0 records an event again: its own fault (a duplicate id), nobody else's.
                AuditEvent event = i == 0 ? original : event("writer-" + i);
                writers.add(pool.submit(() -> {
                    writerThreads.add(Thread.currentThread());
                    trail.record(event);
                    return null;
                }));
            }
            // Every writer is in, waiting (for the head's lock in the database, or its turn here).
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> writerThreads.size() == WRITERS && writerThreads.stream()
                            .allMatch(thread -> thread.getState() == Thread.State.WAITING
                                    || thread.getState() == Thread.State.TIMED_WAITING
                                    || thread.getState() == Thread.State.BLOCKED));
            assertThat(counted.open()).as("connections held by writers waiting for the chain").isEqualTo(1);
            other.commit();
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            try {
                writers.get(i).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed.add(i);
            }
        }
        pool.shutdown();

        assertThat(failed).containsExactly(0);
        assertThat(counted.mostOpen()).as("connections the writers held at once").isEqualTo(1);
        assertThat(database.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE action = 'test.group-commit'")
                .query(Integer.class).single()).isEqualTo(WRITERS);
        ChainVerification chain = new AuditChainVerifier(database.jdbc()).verify();
        assertThat(chain.intact()).as(chain.toText()).isTrue();
    }

    @Test
    void writersQueuedTogetherShareOneTransaction() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("SELECT seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
            }
            AtomicInteger started = new AtomicInteger();
            for (int i = 0; i < WRITERS; i++) {
                AuditEvent event = event("writer-" + i);
                writers.add(pool.submit(() -> {
                    started.incrementAndGet();
                    trail.record(event);
                    return null;
                }));
            }
            // The first writer waits in the database; the others queue behind it.
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> started.get() == WRITERS && counted.taken() == 1);
            other.commit();
        }
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // The first alone, then everyone who queued meanwhile (at most in a few groups).
        assertThat(counted.taken()).as("transactions for %d writers", WRITERS).isLessThan(WRITERS / 2);
        assertThat(new AuditChainVerifier(database.jdbc()).verify().intact()).isTrue();
    }

    @Test
    void aCallersTransactionIsJoinedAndRollsBackWithIt() {
        trail.record(event("kept"));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(counted));
        try {
            transactions.executeWithoutResult(status -> {
                trail.record(AuditEvent.of("test.rolled-back", "test").actor("z", "Z").build());
                throw new IllegalStateException("the caller's work failed");
            });
        } catch (IllegalStateException expected) {
            // the audit row went with the caller's transaction
        }

        assertThat(database.jdbc().sql("SELECT action FROM audit_event ORDER BY chain_seq").query(String.class).list())
                .containsExactly("test.group-commit");
        assertThat(new AuditChainVerifier(database.jdbc()).verify().intact()).isTrue();
    }

    private static AuditEvent event(String who) {
        return AuditEvent.of("test.group-commit", "test").actor(who, who).target("file", "/f/" + who, "unmarked")
                .build();
    }
}

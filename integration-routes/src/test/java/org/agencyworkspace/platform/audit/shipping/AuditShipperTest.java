package org.agencyworkspace.platform.audit.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.elasticsearch.AuditHit;
import org.agencyworkspace.connector.elasticsearch.AuditSearch;
import org.agencyworkspace.connector.elasticsearch.BulkResult;
import org.agencyworkspace.connector.elasticsearch.BulkResult.Outcome;
import org.agencyworkspace.connector.elasticsearch.ClusterHealth;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.IndexDocument;
import org.agencyworkspace.connector.elasticsearch.IndexFamily;
import org.agencyworkspace.connector.elasticsearch.Retention;
import org.agencyworkspace.connector.elasticsearch.SearchPage;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.support.OffsetClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The shipper reads and builds the next batch while the previous {@code _bulk} is in flight.
 * Whatever an index answers — retry an item, fail the whole request, refuse a document for good,
 * answer late on another thread — every event is first sent in chain order and reaches the index
 * exactly once, and the cursor never moves past an event that is neither stored nor dead-lettered.
 */
class AuditShipperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventIsStoredOnceInOrderWhateverTheIndexAnswers() {
        long seed = Long.getLong("test.seed", 20261207L);
        Random random = new Random(seed);
        for (int round = 0; round < 15; round++) {
            long roundSeed = random.nextLong();
            try {
                shipThroughAFlakyIndex(new Random(roundSeed));
            } catch (AssertionError e) {
                throw new AssertionError("round " + round + " (seed " + roundSeed + "): " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aFailedRequestLeavesTheCursorWhereItWasAndTheNextBatchUnsent() {
        TestDatabase database = new TestDatabase();
        JdbcAuditTrail trail = trail(database);
        trail.recordAll(events(25));
        FlakyIndex index = new FlakyIndex(new Random(1), 0.0, 0.0, 0.0);
        index.failCall = 2;
        OffsetClock clock = new OffsetClock();
        AuditShipper shipper = shipper(database, trail, index, clock, 10);

        assertThat(shipper.shipAll()).as("the first batch, then the second request fails").isEqualTo(10);
        assertThat(shipper.lag()).isEqualTo(15);
        assertThat(shipper.lastError()).contains("bulk");
        assertThat(index.calls).as("the prepared third batch is not sent after a failure").hasValue(2);
        assertThat(shipper.shipAll()).as("backing off").isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(shipper.shipAll()).isEqualTo(15);
        assertThat(shipper.lag()).isZero();
        assertThat(index.stored).hasSize(25);
        assertThat(index.creations.values()).containsOnly(1);
    }

    private void shipThroughAFlakyIndex(Random random) {
        TestDatabase database = new TestDatabase();
        JdbcAuditTrail trail = trail(database);
        int events = 1 + random.nextInt(120);
        int batchSize = 1 + random.nextInt(17);
        for (int from = 0; from < events; from += 50) {
            trail.recordAll(events(Math.min(50, events - from)));
        }
        FlakyIndex index = new FlakyIndex(random, 0.05, 0.15, 0.03);
        OffsetClock clock = new OffsetClock();
        AuditShipper shipper = shipper(database, trail, index, clock, batchSize);
        DeadLetterStore deadLetters = new DeadLetterStore(database.jdbc(), JSON, clock);

        for (int attempt = 0; shipper.lag() > 0; attempt++) {
            assertThat(attempt).as("shipping makes progress").isLessThan(10_000);
            long before = shipper.lag();
            int shipped = random.nextBoolean() ? shipper.shipAll() : shipper.shipOnce().shipped();
            assertThat(shipper.lag()).as("the cursor moves by what was shipped").isEqualTo(before - shipped);
            clock.advance(Duration.ofMinutes(10));
        }

        List<String> chain = trail.after(0, events + 1).stream()
                .map(row -> EcsAuditDocument.of(row, JSON).id()).toList();
        Set<String> deadLettered = new HashSet<>();
        for (DeadLetter letter : deadLetters.list(DeadLetter.Status.OPEN, events + 1)) {
            deadLettered.add(letter.headers().get("AuditEventId"));
        }
        assertThat(index.firstSent).as("sent for the first time in chain order").isEqualTo(chain);
        assertThat(index.stored).as("stored, refused ones aside")
                .containsExactlyInAnyOrderElementsOf(chain.stream().filter(id -> !deadLettered.contains(id)).toList());
        assertThat(index.creations.values()).containsOnly(1);
        assertThat(deadLettered).as("every dead-lettered event was refused for good")
                .isSubsetOf(index.refusedForGood);
        assertThat(deadLettered.size() + index.stored.size()).isEqualTo(events);
    }

    private static JdbcAuditTrail trail(TestDatabase database) {
        return new JdbcAuditTrail(database.jdbc(), JSON, new DataSourceTransactionManager(database.dataSource()));
    }

    private static AuditShipper shipper(TestDatabase database, JdbcAuditTrail trail, ElasticsearchConnector index,
            OffsetClock clock, int batchSize) {
        return new AuditShipper(trail, new AuditCursors(database.jdbc()),
                new DeadLetterStore(database.jdbc(), JSON, clock), index, database.transactions(), JSON, clock,
                batchSize, Duration.ofMinutes(1), Duration.ofMinutes(5));
    }

    private static List<AuditEvent> events(int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(AuditEvent.of("file.download", "file").actor("user" + i % 7, "User " + i % 7)
                    .target("file", "/f/" + i + ".pdf", null).build());
        }
        return events;
    }

    /**
     * An index that answers on another thread, sometimes late, and sometimes retries an item,
     * refuses one for good (always the same documents, as a mapping conflict would), or fails the
     * whole request. It records what it stored, in order, and how often each id was created.
     */
    private static final class FlakyIndex implements ElasticsearchConnector {
        private final Random random;
        private final double requestFailure;
        private final double itemRetry;
        private final double itemRefusal;
        final List<String> stored = new ArrayList<>();
        final List<String> firstSent = new ArrayList<>();
        final Map<String, Integer> creations = new HashMap<>();
        final Set<String> refusedForGood = new HashSet<>();
        final AtomicInteger calls = new AtomicInteger();
        int failCall = -1;

        FlakyIndex(Random random, double requestFailure, double itemRetry, double itemRefusal) {
            this.random = random;
            this.requestFailure = requestFailure;
            this.itemRetry = itemRetry;
            this.itemRefusal = itemRefusal;
        }

        @Override
        public CompletableFuture<BulkResult> bulkCreateAsync(IndexFamily family, List<IndexDocument> documents) {
            int call = calls.incrementAndGet();
            // Decided now (the random source is not shared across threads), applied later.
            boolean fail = call == failCall || random.nextDouble() < requestFailure;
            List<Outcome> planned = new ArrayList<>();
            for (IndexDocument document : documents) {
                if (!firstSent.contains(document.id())) {
                    firstSent.add(document.id());
                }
                double dice = random.nextDouble();
                planned.add(dice < itemRefusal ? Outcome.REJECTED
                        : dice < itemRefusal + itemRetry ? Outcome.RETRY : Outcome.CREATED);
            }
            return CompletableFuture.supplyAsync(() -> {
                if (fail) {
                    throw new TransientConnectorException("elasticsearch", "bulk failed", 503, "http://index",
                            "unavailable", null);
                }
                List<BulkResult.Item> items = new ArrayList<>();
                synchronized (this) {
                    for (int i = 0; i < documents.size(); i++) {
                        String id = documents.get(i).id();
                        Outcome outcome = planned.get(i);
                        // A document's refusal is its own (a mapping conflict): once stored it
                        // is "already there", once refused it is refused again.
                        if (outcome != Outcome.RETRY) {
                            outcome = creations.containsKey(id) ? Outcome.ALREADY_EXISTS
                                    : refusedForGood.contains(id) ? Outcome.REJECTED : outcome;
                        }
                        if (outcome == Outcome.REJECTED) {
                            refusedForGood.add(id);
                        } else if (outcome == Outcome.CREATED) {
                            creations.merge(id, 1, Integer::sum);
                            stored.add(id);
                        }
                        items.add(new BulkResult.Item(id, outcome, outcome == Outcome.RETRY ? 429
                                : outcome == Outcome.REJECTED ? 400 : 201, outcome == Outcome.CREATED ? null : "test"));
                    }
                }
                return new BulkResult(items);
            });
        }

        @Override
        public BulkResult bulkCreate(IndexFamily family, List<IndexDocument> documents) {
            return bulkCreateAsync(family, documents).join();
        }

        @Override
        public void installSchema() {
        }

        @Override
        public ClusterHealth clusterHealth() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> deleteExpired(Retention retention, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SearchPage<AuditHit> searchAudit(AuditSearch search) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(IndexFamily family) {
            return stored.size();
        }

        @Override
        public String indexPrefix() {
            return "test";
        }

        @Override
        public ProbeResult probe() {
            return ProbeResult.up("test", Map.of());
        }

        @Override
        public void close() {
        }
    }
}

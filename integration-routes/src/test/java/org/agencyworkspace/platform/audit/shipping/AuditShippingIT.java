package org.agencyworkspace.platform.audit.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.connector.elasticsearch.ElasticsearchConnector;
import org.agencyworkspace.connector.elasticsearch.IndexFamily;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit shipping against the real Elasticsearch of deploy/local: 50,000 events with
 * Elasticsearch stopped and started again in the middle end up in the index exactly once each;
 * a mapping conflict is set aside in the dead-letter store with its reason, not dropped.
 */
class AuditShippingIT {

    private static final int EVENTS = 50_000;

    private final String url = StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL");
    private final String prefix = "it-ship-" + UUID.randomUUID().toString().substring(0, 8);
    private final ElasticHttp http = new ElasticHttp(url);
    private final TestDatabase database = new TestDatabase();
    private final ObjectMapper json = new ObjectMapper();
    private final JdbcAuditTrail trail = new JdbcAuditTrail(database.jdbc(), json,
            new DataSourceTransactionManager(database.dataSource()));
    private final AuditCursors cursors = new AuditCursors(database.jdbc());
    private final DeadLetterStore deadLetters = new DeadLetterStore(database.jdbc(), json, Clock.systemUTC());
    private final ElasticsearchConnector elastic = ElasticsearchConnector.builder()
            .url(URI.create(url)).indexPrefix(prefix).connectTimeout(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(20)).build();
    private final AuditShipper shipper = new AuditShipper(trail, cursors, deadLetters, elastic,
            database.transactions(), json, Clock.systemUTC(), 1000, Duration.ofMillis(200),
            Duration.ofSeconds(2));

    @AfterEach
    void removeIndices() throws Exception {
        elastic.close();
        http.removePrefix(prefix);
    }

    @Test
    void fiftyThousandEventsArriveExactlyOnceAcrossAnElasticsearchRestart() throws Exception {
        ScheduledExecutorService route = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < EVENTS / 500; batch++) {
                List<AuditEvent> events = new ArrayList<>(500);
                for (int i = 0; i < 500; i++) {
                    int n = batch * 500 + i;
                    events.add(AuditEvent.of(n % 5 == 0 ? "login.failure" : "file.download", "file")
                            .actor("user" + n % 97, "使用者" + n % 97).source("10.1." + n % 200 + ".7", "bench")
                            .target("file", "/公文/" + n % 300 + ".pdf", n % 3 == 0 ? "secret" : null)
                            .details(Map.of("n", Integer.toString(n))).build());
                }
                trail.recordAll(events);
            }
        });
        try {
            // Like the route: one consumer, a tick every 50 ms sends batches until caught up.
            route.scheduleWithFixedDelay(shipper::shipAll, 0, 50, TimeUnit.MILLISECONDS);
            Awaitility.await().atMost(Duration.ofMinutes(2))
                    .until(() -> cursors.get(AuditShipper.CURSOR).position() >= 10_000);

            StackEnvironment.stack("down", "elasticsearch");
            try {
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> shipper.lastError() != null);
                writer.get(2, TimeUnit.MINUTES);
                assertThat(shipper.lag()).as("events waiting while Elasticsearch is down").isPositive();
            } finally {
                StackEnvironment.stack("up", "elasticsearch");
            }

            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> shipper.lag() == 0);
        } finally {
            route.shutdownNow();
            route.awaitTermination(30, TimeUnit.SECONDS);
        }

        assertThat(deadLetters.list(DeadLetter.Status.OPEN, 3)).as("refused documents").isEmpty();
        assertThat(elastic.count(IndexFamily.AUDIT)).isEqualTo(EVENTS);
        JsonNode perId = http.send("POST", "/" + prefix + "-audit-*/_search", """
                {"size":0,"track_total_hits":true,"aggs":{"most":{"terms":{"field":"event.id","size":1,"order":{"_count":"desc"}}}}}""");
        assertThat(perId.at("/aggregations/most/buckets/0/doc_count").asInt())
                .as("copies of the most copied event").isEqualTo(1);
        assertThat(perId.at("/hits/total/value").asInt()).isEqualTo(EVENTS);
        assertThat(deadLetters.list(DeadLetter.Status.OPEN, 10)).isEmpty();
        assertThat(shipper.lastError()).isNull();
    }

    @Test
    void aMappingConflictIsDeadLetteredWithItsReasonAndShippingGoesOn() throws Exception {
        // An index made earlier with another mapping for user.name (as an old schema would).
        http.send("PUT", "/" + prefix + "-audit-2026.10.01",
                "{\"mappings\":{\"properties\":{\"user\":{\"properties\":{\"name\":{\"type\":\"long\"}}}}}}");
        Instant october = Instant.parse("2026-10-15T08:00:00Z");
        AuditEvent fits = new AuditEvent("ok-1", october, "login.success", "authentication",
                AuditEvent.Outcome.SUCCESS, new AuditEvent.Actor("u1", "12345"), null, null, null, null, null);
        AuditEvent clashes = new AuditEvent("clash-1", october, "login.success", "authentication",
                AuditEvent.Outcome.SUCCESS, new AuditEvent.Actor("u2", "王小明"), null, null, null, null, null);
        AuditEvent later = AuditEvent.of("file.preview", "file").actor("u3", "Carol").build();
        trail.recordAll(List.of(fits, clashes, later));

        AuditShipper.Batch batch = shipper.shipOnce();

        assertThat(batch.shipped()).isEqualTo(3);
        assertThat(batch.deadLettered()).isEqualTo(1);
        assertThat(shipper.lag()).isZero();
        assertThat(deadLetters.list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.routeId()).isEqualTo(AuditShipper.ROUTE_ID);
            assertThat(letter.exceptionMessage()).contains("HTTP 400", "user.name");
            assertThat(letter.body()).contains("\"id\":\"clash-1\"");
            assertThat(letter.headers()).containsEntry("AuditEventId", "clash-1");
        });
        assertThat(elastic.count(IndexFamily.AUDIT)).isEqualTo(2);
    }
}

package org.agencyworkspace.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElasticsearchConnectorTest {

    private static final Map<String, String> ELASTIC_HEADERS = Map.of(
            "Content-Type", "application/json", "X-Elastic-Product", "Elasticsearch");

    private final CannedHttpServer server = new CannedHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void yellowClusterServesAndRedDoesNot() {
        server.on("/_cluster/health", new Answer(200, ELASTIC_HEADERS, health("yellow")));
        try (ElasticsearchConnector elastic = connector()) {
            ProbeResult probe = elastic.probe();
            assertThat(probe.up()).isTrue();
            assertThat(probe.detail()).isEqualTo("cluster workspace is yellow");
        }

        server.on("/_cluster/health", new Answer(200, ELASTIC_HEADERS, health("red")));
        try (ElasticsearchConnector elastic = connector()) {
            assertThat(elastic.clusterHealth().serving()).isFalse();
            assertThat(elastic.probe().up()).isFalse();
        }
    }

    @Test
    void eachBulkItemIsReadFromItsStatusAndErrorInOrder() {
        server.on("/_bulk", new Answer(200, ELASTIC_HEADERS, """
                {"items":[{"create":{"status":201}},
                 {"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"exists"}}},
                 {"create":{"status":400,"error":{"type":"document_parsing_exception","reason":"bad ip"}}},
                 {"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}]}
                """));
        List<IndexDocument> documents = List.of(document("a"), document("b"), document("c"), document("d"));
        try (ElasticsearchConnector elastic = connector()) {
            BulkResult result = elastic.bulkCreate(IndexFamily.AUDIT, documents);
            assertThat(result.items()).extracting(BulkResult.Item::id).containsExactly("a", "b", "c", "d");
            assertThat(result.items()).extracting(BulkResult.Item::outcome).containsExactly(
                    BulkResult.Outcome.CREATED, BulkResult.Outcome.ALREADY_EXISTS,
                    BulkResult.Outcome.REJECTED, BulkResult.Outcome.RETRY);
            assertThat(result.items().get(2).reason()).isEqualTo("document_parsing_exception: bad ip");
            assertThat(result.settled()).isEqualTo(3);
        }
        CannedHttpServer.Received sent = server.received().get(0);
        assertThat(sent.path()).startsWith("/_bulk?filter_path=");
        String[] lines = sent.body().split("\n");
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).contains("\"create\"", "\"_id\":\"a\"", "\"_index\":\"workspace-audit-");
        assertThat(lines[1]).isEqualTo("{\"event\":{\"id\":\"a\"}}");
    }

    @Test
    void aBulkAnswerThatDoesNotMatchTheRequestOrAFailedRequestIsNeverTakenAsStored() {
        server.on("/_bulk", new Answer(200, ELASTIC_HEADERS, "{\"items\":[{\"create\":{\"status\":201}}]}"));
        try (ElasticsearchConnector elastic = connector()) {
            assertThatThrownBy(() -> elastic.bulkCreate(IndexFamily.AUDIT,
                    List.of(document("a"), document("b"))))
                    .isInstanceOf(TransientConnectorException.class);
        }
        server.on("/_bulk", new Answer(503, ELASTIC_HEADERS, "{\"error\":\"unavailable\"}"));
        try (ElasticsearchConnector elastic = connector()) {
            assertThatThrownBy(() -> elastic.bulkCreate(IndexFamily.AUDIT, List.of(document("a"))))
                    .isInstanceOf(TransientConnectorException.class);
        }
        server.on("/_bulk", new Answer(400, ELASTIC_HEADERS, "{\"error\":\"malformed\"}"));
        try (ElasticsearchConnector elastic = connector()) {
            assertThatThrownBy(() -> elastic.bulkCreate(IndexFamily.AUDIT, List.of(document("a"))))
                    .isInstanceOf(PermanentConnectorException.class);
        }
    }

    private static IndexDocument document(String id) {
        return new IndexDocument(id, Instant.parse("2026-12-07T10:00:00Z"), "{\"event\":{\"id\":\"" + id + "\"}}");
    }

    @Test
    void builderChecksTheSettings() {
        assertThatThrownBy(() -> ElasticsearchConnector.builder().build()).hasMessage("url required");
        assertThatThrownBy(() -> ElasticsearchConnector.builder().url(URI.create("http://x:9200"))
                .credentials("elastic", null).build())
                .hasMessage("username and password go together");
    }

    private ElasticsearchConnector connector() {
        return ElasticsearchConnector.builder().url(server.baseUri()).build();
    }

    private static String health(String status) {
        return """
                {"cluster_name":"workspace","status":"%s","timed_out":false,"number_of_nodes":1,
                 "number_of_data_nodes":1,"active_primary_shards":1,"active_shards":1,
                 "relocating_shards":0,"initializing_shards":0,"unassigned_shards":1,
                 "delayed_unassigned_shards":0,"number_of_pending_tasks":0,
                 "number_of_in_flight_fetch":0,"task_max_waiting_in_queue_millis":0,
                 "active_shards_percent_as_number":50.0,"unassigned_primary_shards":0}
                """.formatted(status);
    }
}

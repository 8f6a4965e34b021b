package org.agencyworkspace.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.agencyworkspace.connector.ProbeResult;
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

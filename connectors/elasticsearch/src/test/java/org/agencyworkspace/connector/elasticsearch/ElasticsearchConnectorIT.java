package org.agencyworkspace.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** Against the real Elasticsearch of deploy/local. */
class ElasticsearchConnectorIT {

    @Test
    void theLocalClusterServes() {
        try (ElasticsearchConnector elastic = ElasticsearchConnector.builder()
                .url(URI.create(StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL"))).build()) {
            ClusterHealth health = elastic.clusterHealth();

            assertThat(health.serving()).isTrue();
            assertThat(health.nodes()).isEqualTo(1);
            assertThat(elastic.probe().facts()).containsEntry("nodes", "1");
        }
    }

    @Test
    void aClosedPortIsDownNotAnException() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ElasticsearchConnector elastic = ElasticsearchConnector.builder()
                .url(URI.create("http://127.0.0.1:" + closed)).connectTimeout(Duration.ofSeconds(1))
                .build()) {
            ProbeResult probe = elastic.probe();

            assertThat(probe.up()).isFalse();
            assertThat(probe.detail()).startsWith("elasticsearch: cannot reach cluster");
        }
    }
}

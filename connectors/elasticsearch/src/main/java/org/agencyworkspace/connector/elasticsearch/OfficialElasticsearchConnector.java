package org.agencyworkspace.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

final class OfficialElasticsearchConnector implements ElasticsearchConnector {

    static final String NAME = "elasticsearch";

    private final String sanitizedUrl;
    private final RestClientTransport transport;
    private final ElasticsearchClient client;

    OfficialElasticsearchConnector(URI url, String username, String password,
            Duration connectTimeout, Duration requestTimeout) {
        this.sanitizedUrl = UriSanitizer.sanitize(url);
        RestClientBuilder rest = RestClient.builder(HttpHost.create(url.toString()))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setSocketTimeout((int) requestTimeout.toMillis()));
        if (username != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(username, password));
            rest.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        this.transport = new RestClientTransport(rest.build(), new JacksonJsonpMapper());
        this.client = new ElasticsearchClient(transport);
    }

    @Override
    public ClusterHealth clusterHealth() {
        try {
            HealthResponse health = client.cluster().health();
            return new ClusterHealth(health.clusterName(),
                    health.status().jsonValue().toLowerCase(Locale.ROOT), health.numberOfNodes());
        } catch (ElasticsearchException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new TransientConnectorException(NAME, "cannot reach cluster", 0, sanitizedUrl,
                    e.getMessage(), e);
        }
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            ClusterHealth health = clusterHealth();
            String detail = "cluster " + health.clusterName() + " is " + health.status();
            return health.serving()
                    ? ProbeResult.up(detail, Map.of("status", health.status(),
                            "nodes", Integer.toString(health.nodes())))
                    : ProbeResult.down(detail);
        });
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Closing only releases pooled connections; nothing is lost if it fails.
        }
    }

    private ConnectorException translate(ElasticsearchException e) {
        int status = e.status();
        String reason = e.error() == null ? e.getMessage() : e.error().reason();
        if (status >= 500 || status == 429) {
            return new TransientConnectorException(NAME, "request failed", status, sanitizedUrl,
                    reason, e);
        }
        return new PermanentConnectorException(NAME, "request refused", status, sanitizedUrl,
                reason, e);
    }
}

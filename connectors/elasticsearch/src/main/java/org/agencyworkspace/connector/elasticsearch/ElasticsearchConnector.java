package org.agencyworkspace.connector.elasticsearch;

import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for one Elasticsearch cluster, on the official elasticsearch-java client. Build it with
 * {@link #builder()}; close it to release its connections.
 */
public interface ElasticsearchConnector extends HealthProbe, AutoCloseable {

    /**
     * {@code GET /_cluster/health}.
     *
     * @throws org.agencyworkspace.connector.TransientConnectorException when the cluster cannot be
     *     reached or answers 5xx
     * @throws org.agencyworkspace.connector.PermanentConnectorException when it refuses the call
     */
    ClusterHealth clusterHealth();

    /** Up when the cluster answers and its status is green or yellow. */
    @Override
    ProbeResult probe();

    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Settings for an {@link ElasticsearchConnector}; {@link #build()} checks them. */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI url;
        private String username;
        private String password;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        /** HTTP endpoint of one node, e.g. {@code http://127.0.0.1:9200}. */
        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** Basic authentication; leave unset when security is off. */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public ElasticsearchConnector build() {
            requireHttpUrl(url, "url");
            if ((username == null) != (password == null)) {
                throw new IllegalStateException("username and password go together");
            }
            checkTimeouts();
            return new OfficialElasticsearchConnector(url, username, password, connectTimeout(),
                    requestTimeout());
        }
    }
}

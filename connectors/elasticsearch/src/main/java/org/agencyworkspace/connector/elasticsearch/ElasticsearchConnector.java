package org.agencyworkspace.connector.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /**
     * Creates or updates each family's index template (explicit ECS mappings). Idempotent; call
     * it at start-up, before the first {@link #bulkCreate}.
     *
     * @throws org.agencyworkspace.connector.TransientConnectorException when the cluster cannot
     *     be reached
     */
    void installSchema();

    /**
     * Deletes the monthly indices whose month ended longer ago than the family's retention.
     *
     * @return the names of the deleted indices
     */
    List<String> deleteExpired(Retention retention, Instant now);

    /**
     * Sends the documents in one {@code _bulk} request as {@code create} operations into the
     * monthly index of each document's timestamp, with the document id as {@code _id}: a
     * document sent twice is stored once (the second answer is
     * {@link BulkResult.Outcome#ALREADY_EXISTS}).
     *
     * @return one outcome per document, in order
     * @throws org.agencyworkspace.connector.TransientConnectorException when the request as a
     *     whole fails (cluster down, 5xx, 429): nothing can be assumed stored
     */
    BulkResult bulkCreate(IndexFamily family, List<IndexDocument> documents);

    /**
     * {@link #bulkCreate} without waiting: the request is sent on the client's own I/O threads,
     * so the caller can prepare its next batch meanwhile. The future fails with the same
     * exceptions {@code bulkCreate} throws.
     */
    CompletableFuture<BulkResult> bulkCreateAsync(IndexFamily family, List<IndexDocument> documents);

    /** Audit events matching {@code search}, newest first. */
    SearchPage<AuditHit> searchAudit(AuditSearch search);

    /** Documents in every index of the family, after a refresh (for operators and tests). */
    long count(IndexFamily family);

    /** The index-name prefix, {@code workspace} unless set. */
    String indexPrefix();

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
        private String indexPrefix = "workspace";

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

        /**
         * First part of every index, template and policy name: {@code <prefix>-audit-*},
         * {@code <prefix>-logs-*}. Lower case letters, digits and dashes.
         */
        public Builder indexPrefix(String indexPrefix) {
            this.indexPrefix = indexPrefix;
            return this;
        }

        public ElasticsearchConnector build() {
            if (indexPrefix == null || !indexPrefix.matches("[a-z0-9][a-z0-9-]{0,60}")) {
                throw new IllegalStateException("index prefix must be lower-case letters, digits"
                        + " and dashes: " + indexPrefix);
            }
            requireHttpUrl(url, "url");
            if ((username == null) != (password == null)) {
                throw new IllegalStateException("username and password go together");
            }
            checkTimeouts();
            return new OfficialElasticsearchConnector(url, username, password, connectTimeout(),
                    requestTimeout(), indexPrefix);
        }
    }
}

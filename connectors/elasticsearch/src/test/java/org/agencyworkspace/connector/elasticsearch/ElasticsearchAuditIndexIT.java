package org.agencyworkspace.connector.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.agencyworkspace.connector.elasticsearch.BulkResult.Outcome;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Templates, bulk create, search and retention against the real Elasticsearch of deploy/local,
 * under a prefix of its own that is removed afterwards.
 */
class ElasticsearchAuditIndexIT {

    private static final Instant NOV = Instant.parse("2026-11-20T01:00:00Z");
    private final String url = StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL");
    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final ElasticsearchConnector elastic = ElasticsearchConnector.builder()
            .url(URI.create(url)).indexPrefix(prefix).build();

    @AfterEach
    void removeEverythingOfThisRun() throws Exception {
        elastic.close();
        // Deleting by wildcard is refused (action.destructive_requires_name): one by one.
        String indices = http("GET", "/_cat/indices/" + prefix + "-*?h=index").body();
        for (String index : indices.split("\\s+")) {
            if (!index.isBlank()) {
                http("DELETE", "/" + index);
            }
        }
        for (String family : List.of("audit", "logs")) {
            http("DELETE", "/_index_template/" + prefix + "-" + family);
        }
    }

    @Test
    void documentsAreCreatedOnceAndMappingConflictsAreRejectedWithTheReason() throws Exception {
        elastic.installSchema();
        elastic.installSchema();

        IndexDocument first = audit("e1", NOV, "alice", "file.download", "/公文/預算.pdf", "secret", "10.0.0.1");
        IndexDocument second = audit("e2", NOV.plusSeconds(60), "bob", "login.failure", null, null, "10.0.0.2");
        BulkResult sent = elastic.bulkCreate(IndexFamily.AUDIT, List.of(first, second));
        assertThat(sent.items()).extracting(BulkResult.Item::outcome)
                .containsExactly(Outcome.CREATED, Outcome.CREATED);

        IndexDocument badIp = audit("e3", NOV, "carol", "login.failure", null, null, "not-an-address");
        IndexDocument unknownField = new IndexDocument("e4", NOV,
                "{\"@timestamp\":\"2026-11-20T01:00:00Z\",\"event\":{\"id\":\"e4\"},\"surprise\":1}");
        BulkResult again = elastic.bulkCreate(IndexFamily.AUDIT, List.of(first, badIp, unknownField));

        assertThat(again.items()).extracting(BulkResult.Item::outcome)
                .containsExactly(Outcome.ALREADY_EXISTS, Outcome.REJECTED, Outcome.REJECTED);
        assertThat(again.items().get(1).reason()).startsWith("document_parsing_exception")
                .contains("source.ip");
        assertThat(again.items().get(2).reason()).contains("strict_dynamic_mapping_exception");
        assertThat(elastic.count(IndexFamily.AUDIT)).isEqualTo(2);
        assertThat(http("GET", "/" + prefix + "-audit-2026.11.01/_mapping").body())
                .contains("\"ip\":{\"type\":\"ip\"}", "\"dynamic\":\"strict\"");
    }

    @Test
    void searchFiltersByUserFileLabelActionAndTimeAndPages() {
        elastic.installSchema();
        elastic.bulkCreate(IndexFamily.AUDIT, List.of(
                audit("s1", NOV, "alice", "file.download", "/公文/預算.pdf", "secret", "10.0.0.1"),
                audit("s2", NOV.plusSeconds(10), "alice", "file.preview", "/公文/預算.pdf", "secret", "10.0.0.1"),
                audit("s3", NOV.plusSeconds(20), "alice", "file.download", "/公開/公告.pdf", null, "10.0.0.1"),
                audit("s4", NOV.plusSeconds(30), "bob", "file.download", "/公文/人事.pdf", "confidential", "10.0.0.2"),
                // December: another monthly index, found by the same searches
                audit("s5", Instant.parse("2026-12-02T00:00:00Z"), "bob", "login.failure", null, null, "10.0.0.2")));
        elastic.count(IndexFamily.AUDIT);

        assertThat(ids(new AuditSearch("alice", null, null, null, null, null, 0, 10))).containsExactly("s3", "s2", "s1");
        assertThat(ids(new AuditSearch(null, "/公文/*", null, null, null, null, 0, 10))).containsExactly("s4", "s2", "s1");
        assertThat(ids(new AuditSearch(null, null, "secret", "file.download", null, null, 0, 10))).containsExactly("s1");
        assertThat(ids(new AuditSearch(null, null, null, null, NOV.plusSeconds(10), NOV.plusSeconds(30), 0, 10)))
                .containsExactly("s3", "s2");
        SearchPage<AuditHit> page = elastic.searchAudit(new AuditSearch(null, null, null, null, null, null, 1, 2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hits()).extracting(AuditHit::id).containsExactly("s3", "s2");
        AuditHit december = elastic.searchAudit(new AuditSearch("bob", null, null, "login.failure", null, null, 0, 1))
                .hits().get(0);
        assertThat(december.sourceIp()).isEqualTo("10.0.0.2");
        assertThat(december.timestamp()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThatThrownBy(() -> new AuditSearch(null, null, null, null, null, null, 100, 100))
                .hasMessageContaining("narrow the search");
    }

    @Test
    void retentionDeletesWholeMonthsOnceTheirLastDayIsOlderThanTheRetention() {
        elastic.installSchema();
        elastic.bulkCreate(IndexFamily.AUDIT, List.of(
                audit("r1", Instant.parse("2025-10-31T23:00:00Z"), "a", "x", null, null, "10.0.0.1"),
                audit("r2", Instant.parse("2025-11-01T00:00:00Z"), "a", "x", null, null, "10.0.0.1")));
        elastic.bulkCreate(IndexFamily.LOGS, List.of(new IndexDocument("l1",
                Instant.parse("2025-10-15T00:00:00Z"), "{\"@timestamp\":\"2025-10-15T00:00:00Z\",\"message\":\"x\"}")));

        // A year of audit retention on 2026-11-15: October 2025 ended 2025-11-01, more than a
        // year ago; November 2025 ends 2025-12-01, less than a year ago.
        List<String> deleted = elastic.deleteExpired(
                new Retention(Duration.ofDays(365), Duration.ofDays(400)), Instant.parse("2026-11-15T00:00:00Z"));

        assertThat(deleted).containsExactly(prefix + "-audit-2025.10.01");
        assertThat(elastic.count(IndexFamily.AUDIT)).isEqualTo(1);
        assertThat(elastic.count(IndexFamily.LOGS)).isEqualTo(1);
    }

    private List<String> ids(AuditSearch search) {
        return elastic.searchAudit(search).hits().stream().map(AuditHit::id).toList();
    }

    private static IndexDocument audit(String id, Instant at, String user, String action,
            String path, String label, String ip) {
        String file = path == null ? "" : ",\"file\":{\"path\":\"" + path + "\"}";
        String labels = label == null ? "" : ",\"labels\":{\"classification\":\"" + label + "\"}";
        return new IndexDocument(id, at, """
                {"@timestamp":"%s","event":{"id":"%s","action":"%s","category":"file","outcome":"success"},
                 "user":{"id":"%s","name":"%s"},"source":{"ip":"%s"}%s%s}"""
                .formatted(at, id, action, user, user, ip, file, labels));
    }

    private HttpResponse<String> http(String method, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

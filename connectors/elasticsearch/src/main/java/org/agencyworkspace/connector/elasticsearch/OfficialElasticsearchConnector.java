package org.agencyworkspace.connector.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.agencyworkspace.connector.Answers;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.HttpHost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

final class OfficialElasticsearchConnector implements ElasticsearchConnector {

    static final String NAME = "elasticsearch";
    private static final ObjectMapper BULK_JSON = new ObjectMapper();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private final String sanitizedUrl;
    private final RestClientTransport transport;
    private final ElasticsearchClient client;
    private final String prefix;

    OfficialElasticsearchConnector(URI url, String username, String password,
            Duration connectTimeout, Duration requestTimeout, String prefix) {
        this.sanitizedUrl = UriSanitizer.sanitize(url);
        this.prefix = prefix;
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
        HealthResponse health = call("health", () -> client.cluster().health());
        return new ClusterHealth(health.clusterName(),
                health.status().jsonValue().toLowerCase(Locale.ROOT), health.numberOfNodes());
    }

    @Override
    public String indexPrefix() {
        return prefix;
    }

    @Override
    public void installSchema() {
        for (IndexFamily family : IndexFamily.values()) {
            String template = resource(family.templateResource())
                    .replace("${pattern}", family.pattern(prefix));
            call("install schema", () -> client.indices().putIndexTemplate(
                    r -> r.name(family.baseName(prefix)).withJson(new StringReader(template))));
        }
    }

    @Override
    public List<String> deleteExpired(Retention retention, Instant now) {
        List<String> deleted = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            Instant cutoff = now.minus(retention.of(family));
            Set<String> indices = call("list indices", () -> client.indices().get(g -> g
                    .index(family.pattern(prefix)).ignoreUnavailable(true).allowNoIndices(true))
                    .result().keySet());
            for (String index : new TreeSet<>(indices)) {
                boolean expired = family.endOfMonth(prefix, index)
                        .map(end -> end.isBefore(cutoff)).orElse(false);
                if (expired) {
                    call("delete index", () -> client.indices().delete(d -> d.index(index)));
                    deleted.add(index);
                }
            }
        }
        return deleted;
    }

    @Override
    public BulkResult bulkCreate(IndexFamily family, List<IndexDocument> documents) {
        return Answers.await(bulkCreateAsync(family, documents));
    }

    @Override
    public CompletableFuture<BulkResult> bulkCreateAsync(IndexFamily family, List<IndexDocument> documents) {
        if (documents.isEmpty()) {
            return CompletableFuture.completedFuture(new BulkResult(List.of()));
        }
        // Written and read here rather than through the typed client: the NDJSON goes out as
        // it is built, and the answer is cut by filter_path to each item's status and error,
        // which is all a sender needs (the typed client reads every item's shard and version
        // details into objects). The shipping benchmark measures the difference.
        ByteArrayOutputStream body = new ByteArrayOutputStream(documents.size() * 512);
        try {
            for (IndexDocument document : documents) {
                ObjectNode action = BULK_JSON.createObjectNode();
                action.putObject("create").put("_index", family.indexFor(prefix, document.timestamp()))
                        .put("_id", document.id());
                body.write(BULK_JSON.writeValueAsBytes(action));
                body.write('\n');
                // _bulk is one JSON document per line; in valid JSON a raw line break can only
                // be whitespace between tokens (strings escape theirs), so it is safe to flatten.
                body.write(document.json().replace('\n', ' ').replace('\r', ' ')
                        .getBytes(StandardCharsets.UTF_8));
                body.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "items.*.status,items.*.error.type,items.*.error.reason");
        request.setEntity(new ByteArrayEntity(body.toByteArray(), NDJSON));
        // The low-level client's own I/O threads carry the request, so a caller can prepare its
        // next batch while this one is in flight; the answer is small (filtered) and read there.
        CompletableFuture<BulkResult> result = new CompletableFuture<>();
        transport.restClient().performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try (InputStream content = response.getEntity().getContent()) {
                    result.complete(bulkResult(documents, BULK_JSON.readTree(content)));
                } catch (IOException e) {
                    result.completeExceptionally(unreachable("bulk", e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Exception e) {
                result.completeExceptionally(e instanceof ResponseException refusal ? refused("bulk", refusal)
                        : e instanceof IOException io ? unreachable("bulk", io)
                        : e);
            }
        });
        return result;
    }

    private BulkResult bulkResult(List<IndexDocument> documents, JsonNode answer) {
        JsonNode answered = answer.path("items");
        if (answered.size() != documents.size()) {
            throw new TransientConnectorException(NAME, "bulk answer does not match the request", 0,
                    sanitizedUrl, answered.size() + " items for " + documents.size() + " documents", null);
        }
        List<BulkResult.Item> items = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            JsonNode item = answered.get(i).elements().hasNext() ? answered.get(i).elements().next()
                    : answered.get(i);
            items.add(item(documents.get(i).id(), item));
        }
        return new BulkResult(items);
    }

    private static BulkResult.Item item(String id, JsonNode item) {
        int status = item.path("status").asInt(0);
        JsonNode error = item.path("error");
        String type = error.path("type").asText(null);
        String reason = error.isMissingNode() ? null : type + ": " + error.path("reason").asText("");
        if (error.isMissingNode() && status >= 200 && status < 300) {
            return new BulkResult.Item(id, BulkResult.Outcome.CREATED, status, null);
        }
        if (status == 409 || "version_conflict_engine_exception".equals(type)) {
            return new BulkResult.Item(id, BulkResult.Outcome.ALREADY_EXISTS, status, null);
        }
        if (status == 429 || status >= 500 || status == 0) {
            return new BulkResult.Item(id, BulkResult.Outcome.RETRY, status, reason);
        }
        return new BulkResult.Item(id, BulkResult.Outcome.REJECTED, status, reason);
    }

    /** A whole request answered with an error status: transient for 5xx and 429, else permanent. */
    private ConnectorException refused(String what, ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        String reason = e.getResponse().getStatusLine().getReasonPhrase();
        if (status >= 500 || status == 429) {
            return new TransientConnectorException(NAME, what + " failed", status, sanitizedUrl, reason, e);
        }
        return new PermanentConnectorException(NAME, what + " refused", status, sanitizedUrl, reason, e);
    }

    @Override
    public SearchPage<AuditHit> searchAudit(AuditSearch search) {
        List<Query> filters = new ArrayList<>();
        if (search.userId() != null) {
            filters.add(Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                    .should(term("user.id", search.userId()))
                    .should(term("user.name", search.userId())))));
        }
        if (search.filePath() != null) {
            String path = search.filePath();
            filters.add(path.endsWith("*")
                    ? Query.of(q -> q.prefix(p -> p.field("file.path")
                            .value(path.substring(0, path.length() - 1))))
                    : term("file.path", path));
        }
        if (search.classification() != null) {
            filters.add(term("labels.classification", search.classification()));
        }
        if (search.action() != null) {
            filters.add(term("event.action", search.action()));
        }
        if (search.from() != null || search.to() != null) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field("@timestamp");
                if (search.from() != null) {
                    d.gte(search.from().toString());
                }
                if (search.to() != null) {
                    d.lt(search.to().toString());
                }
                return d;
            }))));
        }
        SearchResponse<JsonNode> response = call("search", () -> client.search(s -> s
                .index(IndexFamily.AUDIT.pattern(prefix))
                .ignoreUnavailable(true).allowNoIndices(true)
                .query(q -> q.bool(b -> b.filter(filters)))
                .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Asc)))
                .from(search.page() * search.size()).size(search.size())
                .trackTotalHits(t -> t.enabled(true)), JsonNode.class));
        List<AuditHit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(auditHit(hit.source()));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchPage<>(total, hits);
    }

    private static AuditHit auditHit(JsonNode source) {
        String path = text(source, "file", "path");
        return new AuditHit(text(source, "event", "id"),
                Instant.parse(source.path("@timestamp").asText()),
                text(source, "event", "action"), text(source, "event", "category"),
                text(source, "event", "outcome"), text(source, "user", "id"),
                text(source, "user", "name"),
                path != null ? path : text(source.path("workspace"), "target", "id"),
                text(source, "labels", "classification"), text(source, "source", "ip"),
                text(source, "event", "reason"));
    }

    private static String text(JsonNode node, String object, String field) {
        JsonNode value = node.path(object).path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    @Override
    public long count(IndexFamily family) {
        String pattern = family.pattern(prefix);
        return call("count", () -> {
            client.indices().refresh(r -> r.index(pattern).ignoreUnavailable(true).allowNoIndices(true));
            return client.count(c -> c.index(pattern).ignoreUnavailable(true).allowNoIndices(true))
                    .count();
        });
    }

    private <T> T call(String what, ElasticCall<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            throw translate(e);
        } catch (IOException e) {
            throw unreachable(what, e);
        }
    }

    private TransientConnectorException unreachable(String what, IOException e) {
        return new TransientConnectorException(NAME, "cannot reach cluster (" + what + ")", 0,
                sanitizedUrl, e.getMessage(), e);
    }

    private static String resource(String name) {
        try (InputStream in = OfficialElasticsearchConnector.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface ElasticCall<T> {
        T run() throws IOException;
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

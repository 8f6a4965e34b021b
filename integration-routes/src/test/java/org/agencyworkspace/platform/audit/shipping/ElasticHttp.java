package org.agencyworkspace.platform.audit.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP to the test Elasticsearch: what the connector deliberately does not offer. */
public final class ElasticHttp {

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    public ElasticHttp(String url) {
        this.url = url;
    }

    public JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        return text.isBlank() ? new ObjectMapper().createObjectNode() : new ObjectMapper().readTree(text);
    }

    /** Deletes every index and template of a prefix (wildcard deletes are refused: by name). */
    public void removePrefix(String prefix) throws IOException, InterruptedException {
        for (JsonNode index : send("GET", "/_cat/indices/" + prefix + "-*?format=json", null)) {
            send("DELETE", "/" + index.get("index").asText(), null);
        }
        for (String family : new String[] {"audit", "logs"}) {
            send("DELETE", "/_index_template/" + prefix + "-" + family, null);
        }
    }
}

package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.HttpExchanger.Response;
import org.agencyworkspace.connector.JsonAnswers;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.UriSanitizer;

/**
 * Sends authenticated Client-Server requests: bearer token, JSON bodies, and a 429 turned into a
 * {@link MatrixRateLimitedException} that carries the delay the homeserver asked for.
 */
final class MatrixHttp {

    static final String NAME = "matrix";
    static final JsonAnswers ANSWERS = new JsonAnswers(NAME);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Used when a 429 names no delay at all. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final String root;
    private final String accessToken;
    private final HttpExchanger http;

    MatrixHttp(URI homeserverUrl, String accessToken, Duration connectTimeout,
            Duration requestTimeout) {
        this.root = homeserverUrl.toString().replaceAll("/+$", "");
        this.accessToken = accessToken;
        this.http = new HttpExchanger(NAME, connectTimeout, requestTimeout);
    }

    URI uri(String pathAndQuery) {
        return URI.create(root + pathAndQuery);
    }

    HttpRequest.Builder request(URI uri) {
        return http.request(uri).header("Authorization", "Bearer " + accessToken);
    }

    /** Sends a JSON body (or none) and returns the answer as a JSON object. */
    JsonNode call(String method, URI uri, JsonNode body) {
        HttpRequest request = request(uri).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        return document(send(request), uri);
    }

    /** Like {@link #call}, but a 404 {@code M_NOT_FOUND} is empty. */
    Optional<JsonNode> callIfFound(String method, URI uri, JsonNode body) {
        try {
            return Optional.of(call(method, uri, body));
        } catch (PermanentConnectorException refused) {
            if (refused.status() == 404 && "M_NOT_FOUND".equals(errcode(refused))) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    Response send(HttpRequest request) {
        Response response = http.callAccepting(request, status -> status == 429);
        if (response.status() == 429) {
            throw new MatrixRateLimitedException(NAME, UriSanitizer.sanitize(request.uri()),
                    response.body(), retryAfter(response));
        }
        return response;
    }

    /** {@code Retry-After} (seconds) first, as the spec prefers since v1.10, then {@code retry_after_ms}. */
    static Duration retryAfter(Response response) {
        Optional<String> header = response.header("Retry-After");
        if (header.isPresent() && header.get().strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(header.get().strip()));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.path("retry_after_ms").canConvertToLong()) {
                return Duration.ofMillis(Math.max(0, body.get("retry_after_ms").asLong()));
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the default
        }
        return DEFAULT_RETRY_AFTER;
    }

    static JsonNode document(Response response, URI uri) {
        return document(response, uri, ANSWERS);
    }

    /** The answer as a JSON object; anything else is malformed, reported as {@code answers}' connector. */
    static JsonNode document(Response response, URI uri, JsonAnswers answers) {
        try {
            JsonNode document = JSON.readTree(response.body());
            if (document != null && document.isObject()) {
                return document;
            }
        } catch (JsonProcessingException e) {
            throw answers.malformed(uri, "answer is not JSON", e.getOriginalMessage());
        }
        throw answers.malformed(uri, "answer is not a JSON object", null);
    }

    /** The Matrix {@code errcode} of a refusal, or null. */
    static String errcode(PermanentConnectorException refused) {
        if (refused.serverMessage() == null) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(refused.serverMessage());
            return error != null && error.hasNonNull("errcode") ? error.get("errcode").asText()
                    : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** Percent-encodes an id for a path segment ({@code @ : / ! # + $} included) or a query value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

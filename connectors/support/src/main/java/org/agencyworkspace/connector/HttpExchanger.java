package org.agencyworkspace.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.Objects;

/**
 * The one place a JDK-HTTP connector sends requests: applies the timeout, turns I/O failures
 * and error statuses into {@link ConnectorException}s with a sanitised URI and the server's own
 * error text, and hands back the body of a successful answer.
 */
public final class HttpExchanger {

    private static final int MAX_SERVER_MESSAGE = 500;

    private final String connector;
    private final HttpClient http;
    private final Duration requestTimeout;

    public HttpExchanger(String connector, Duration connectTimeout, Duration requestTimeout) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request builder for {@code uri} with this connector's timeout already applied. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /**
     * A successful answer.
     *
     * @param status the 2xx status
     * @param headers response headers as sent
     * @param body the body as text (empty when there was none)
     */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, matched without regard to case. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream())
                    .findFirst();
        }
    }

    /**
     * Sends the request and returns the body of a 2xx answer as text.
     *
     * @throws TransientConnectorException on I/O errors, timeouts, 5xx and 429
     * @throws PermanentConnectorException on any other non-2xx status
     */
    public String send(HttpRequest request) {
        return call(request).body();
    }

    /**
     * Sends the request and returns the whole 2xx answer, for callers that need its status or
     * headers (a {@code Location} after 201, paging headers).
     *
     * @throws TransientConnectorException on I/O errors, timeouts, 5xx and 429
     * @throws PermanentConnectorException on any other non-2xx status
     */
    public Response call(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return new Response(response.statusCode(), response.headers().map(),
                    response.body() == null ? "" : response.body());
        }
        throw failure(request, response);
    }

    /**
     * Like {@link #call}, but also hands back answers whose status {@code alsoAccepted} allows,
     * for protocols that put their own error document in a 4xx answer (OCS, SCIM). Statuses not
     * accepted are mapped as by {@link #call}.
     */
    public Response callAccepting(HttpRequest request, IntPredicate alsoAccepted) {
        HttpResponse<String> response = exchange(request);
        int status = response.statusCode();
        if ((status >= 200 && status < 300) || alsoAccepted.test(status)) {
            return new Response(status, response.headers().map(),
                    response.body() == null ? "" : response.body());
        }
        throw failure(request, response);
    }

    /**
     * Like {@link #call}, but a 404 answer is an empty result: the thing asked for does not
     * exist, which callers usually treat as a normal outcome.
     */
    public Optional<Response> callIfFound(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return Optional.of(new Response(response.statusCode(), response.headers().map(),
                    response.body() == null ? "" : response.body()));
        }
        throw failure(request, response);
    }

    private ConnectorException failure(HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String uri = UriSanitizer.sanitize(request.uri());
        String serverMessage = shorten(response.body());
        if (status >= 500 || status == 429) {
            return new TransientConnectorException(connector, request.method() + " failed", status,
                    uri, serverMessage, null);
        }
        return new PermanentConnectorException(connector, request.method() + " refused", status,
                uri, serverMessage, null);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        String uri = UriSanitizer.sanitize(request.uri());
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TransientConnectorException(connector, "no answer in time", 0, uri, null, e);
        } catch (IOException e) {
            throw new TransientConnectorException(connector, "cannot reach server", 0, uri,
                    e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientConnectorException(connector, "interrupted", 0, uri, null, e);
        }
    }

    private static String shorten(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_SERVER_MESSAGE ? oneLine
                : oneLine.substring(0, MAX_SERVER_MESSAGE) + "…";
    }
}

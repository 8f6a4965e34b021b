package org.agencyworkspace.connector.syncope;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.agencyworkspace.connector.syncope.SyncopeConnector.AuthMode;

/**
 * Sends every request to Syncope: adds the domain and authentication headers, logs in for a JWT
 * when configured to, and turns failures into typed exceptions through {@link SyncopeErrors}.
 *
 * <p>It keeps its own send path rather than the shared {@code HttpExchanger}: every Syncope
 * answer, errors included, is read whole with its headers ({@code X-Application-Error-Code} and
 * {@code -Info} say what went wrong), and a 404 only means "no such entity" when Syncope says
 * {@code NotFound}; a bare 404 means the base URL is wrong. I/O failures are mapped as there, and
 * URIs in exceptions go through {@link UriSanitizer}.
 */
final class SyncopeHttp {

    static final String DOMAIN_HEADER = "X-Syncope-Domain";
    static final String TOKEN_HEADER = "X-Syncope-Token";
    static final String TOKEN_EXPIRE_HEADER = "X-Syncope-Token-Expire";
    static final String LOGIN_PATH = "/accessTokens/login";
    /** A token this close to its expiry is replaced before use, so it cannot lapse in flight. */
    static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofSeconds(60);

    /**
     * One request.
     *
     * @param action what the request does, for exception messages (e.g. {@code create user})
     * @param method HTTP method
     * @param path path below the base URL, segments already encoded
     * @param query query parameters, not yet encoded, in order
     * @param json request body, or null for none
     * @param headers further request headers
     */
    record Call(String action, String method, String path, Map<String, String> query, String json,
            Map<String, String> headers) {

        static Call get(String action, String path) {
            return new Call(action, "GET", path, Map.of(), null, Map.of());
        }

        Call withQuery(Map<String, String> parameters) {
            return new Call(action, method, path, parameters, json, headers);
        }

        Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(action, method, path, query, json, more);
        }
    }

    /**
     * A 2xx answer.
     *
     * @param status the status
     * @param headers the response headers
     * @param body the body as text, empty when there was none
     * @param uri the sanitised request URI, for exceptions about the answer
     */
    record Answer(int status, HttpHeaders headers, String body, String uri) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final String root;
    private final String domain;
    private final String basicAuthorization;
    private final AuthMode authMode;
    private final Clock clock;
    private final Duration requestTimeout;
    private final HttpClient client;
    private final Object tokenLock = new Object();
    private String bearerToken;
    private Instant bearerExpiry;

    SyncopeHttp(URI baseUrl, String domain, String username, String password, AuthMode authMode,
            Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.root = baseUrl.toString().replaceAll("/+$", "");
        this.domain = domain;
        this.basicAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.authMode = authMode;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Encodes one path segment (a key, username or group name). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends the call and returns its 2xx answer.
     *
     * @throws ConnectorException as {@link SyncopeErrors} maps the failure
     */
    Answer send(Call call) {
        HttpResponse<String> response = exchange(call);
        if (isSuccess(response)) {
            return answer(response);
        }
        throw SyncopeErrors.failure(call.action(), response);
    }

    /** Like {@link #send}, but Syncope's {@code NotFound} is an empty result. */
    Optional<Answer> sendIfFound(Call call) {
        HttpResponse<String> response = exchange(call);
        if (isSuccess(response)) {
            return Optional.of(answer(response));
        }
        ConnectorException failure = SyncopeErrors.failure(call.action(), response);
        if (failure instanceof SyncopeNotFoundException) {
            return Optional.empty();
        }
        throw failure;
    }

    private HttpResponse<String> exchange(Call call) {
        URI uri = URI.create(root + call.path() + queryString(call.query()));
        String authorization = authorization();
        HttpResponse<String> response = transmit(call, uri, authorization);
        if (response.statusCode() == 401 && authMode == AuthMode.JWT) {
            // Syncope may drop a token before its announced expiry (logout, key change, restart
            // with a new secret): one fresh login decides whether the account itself is refused.
            forgetToken(authorization);
            response = transmit(call, uri, authorization());
        }
        return response;
    }

    private HttpResponse<String> transmit(Call call, URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json")
                .header(DOMAIN_HEADER, domain)
                .header("Authorization", authorization);
        call.headers().forEach(request::header);
        if (call.json() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.json(),
                            StandardCharsets.UTF_8));
        }
        return deliver(request.build());
    }

    private String authorization() {
        if (authMode == AuthMode.BASIC) {
            return basicAuthorization;
        }
        synchronized (tokenLock) {
            Instant now = clock.instant();
            if (bearerToken == null || bearerExpiry != null
                    && !now.isBefore(bearerExpiry.minus(TOKEN_RENEWAL_MARGIN))) {
                logIn();
            }
            return "Bearer " + bearerToken;
        }
    }

    private void forgetToken(String refusedAuthorization) {
        synchronized (tokenLock) {
            if (refusedAuthorization.equals("Bearer " + bearerToken)) {
                bearerToken = null;
                bearerExpiry = null;
            }
        }
    }

    private void logIn() {
        URI uri = URI.create(root + LOGIN_PATH);
        HttpResponse<String> response = deliver(HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header(DOMAIN_HEADER, domain)
                .header("Authorization", basicAuthorization)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (!isSuccess(response)) {
            throw SyncopeErrors.failure("log in", response);
        }
        String token = response.headers().firstValue(TOKEN_HEADER).filter(value -> !value.isBlank())
                .orElseThrow(() -> new PermanentConnectorException(HttpSyncopeConnector.NAME,
                        "log in answered without " + TOKEN_HEADER, response.statusCode(),
                        UriSanitizer.sanitize(uri), null, null));
        bearerToken = token;
        bearerExpiry = response.headers().firstValue(TOKEN_EXPIRE_HEADER)
                .map(SyncopeHttp::expiry).orElse(null);
    }

    private static Instant expiry(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // An unreadable expiry leaves the token in use until Syncope refuses it (401).
            return null;
        }
    }

    private HttpResponse<String> deliver(HttpRequest request) {
        String uri = UriSanitizer.sanitize(request.uri());
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TransientConnectorException(HttpSyncopeConnector.NAME, "no answer in time", 0,
                    uri, null, e);
        } catch (IOException e) {
            throw new TransientConnectorException(HttpSyncopeConnector.NAME, "cannot reach server",
                    0, uri, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientConnectorException(HttpSyncopeConnector.NAME, "interrupted", 0, uri,
                    null, e);
        }
    }

    private static boolean isSuccess(HttpResponse<String> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.headers(),
                response.body() == null ? "" : response.body(),
                UriSanitizer.sanitize(response.request().uri()));
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

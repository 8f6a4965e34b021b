package org.agencyworkspace.connector.syncope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.agencyworkspace.testsupport.WireMockPeers;

/**
 * A loopback stand-in (WireMock) for Syncope's core REST API: answers are scripted per method and raw path
 * (each request takes the next answer, the last one repeats), headers may repeat as Syncope's do
 * ({@code X-Application-Error-Info}), and every request is kept with all its headers so tests
 * can assert exactly what the client sent. A path without a script answers 404 with no Syncope
 * error code, as a server that is not Syncope would.
 */
final class SyncopeStub implements AutoCloseable {

    static final String ROOT = "/syncope/rest";

    /** A scripted answer. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", List.of("application/json")), body);
        }

        /** A JSON answer from a file under {@code src/test/resources/syncope/}. */
        static Reply fixture(int status, String name) {
            return json(status, SyncopeStub.fixture(name));
        }

        static Reply empty(int status) {
            return new Reply(status, Map.of(), "");
        }

        /**
         * A Syncope error as {@code RestServiceExceptionMapper} writes it: the code header, one
         * {@code Code:detail} info header per detail, and an {@code ErrorTO} body.
         */
        static Reply error(int status, String code, String... details) {
            StringBuilder elements = new StringBuilder();
            List<String> info = new ArrayList<>();
            for (String detail : details) {
                elements.append(elements.length() == 0 ? "" : ",").append('"')
                        .append(detail.replace("\"", "\\\"")).append('"');
                info.add(code + ":" + detail);
            }
            Reply reply = json(status, "{\"status\":" + status + ",\"type\":\"" + code
                    + "\",\"elements\":[" + elements + "]}")
                    .header("X-Application-Error-Code", code);
            return info.isEmpty() ? reply
                    : reply.header("X-Application-Error-Info", info.toArray(String[]::new));
        }

        ResponseDefinitionBuilder response() {
            List<HttpHeader> all = new ArrayList<>();
            headers.forEach((name, values) -> all.add(new HttpHeader(name, values)));
            ResponseDefinitionBuilder response = aResponse().withStatus(status)
                    .withHeaders(new HttpHeaders(all));
            return body.isEmpty() ? response : response.withBody(body);
        }

        Reply header(String name, String... values) {
            Map<String, List<String>> more = new LinkedHashMap<>(headers);
            more.put(name, List.of(values));
            return new Reply(status, more, body);
        }
    }

    /** A request as received: raw path and query, every header, the body. */
    record Request(String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, String body) {

        /** The first value of a header, whatever its case. */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        /** A query parameter, decoded once as a JAX-RS {@code @QueryParam} is. */
        Optional<String> query(String name) {
            if (rawQuery == null) {
                return Optional.empty();
            }
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                if (URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(parts.length < 2 ? ""
                            : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        }
    }

    private final WireMockServer server = WireMockPeers.start();

    SyncopeStub() {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(new Reply(404,
                Map.of("Content-Type", List.of("text/html")),
                "<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>").response()));
    }

    static String fixture(String name) {
        try (InputStream in = SyncopeStub.class.getResourceAsStream("/syncope/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code method ROOT+path} (raw, percent-encoded as sent) with these, in turn. */
    SyncopeStub on(String method, String path, Reply... inTurn) {
        WireMockPeers.inTurn(server, method + " " + ROOT + path,
                () -> request(method, urlPathEqualTo(ROOT + path)),
                Arrays.stream(inTurn).map(Reply::response).toList());
        return this;
    }

    /** The REST root a client is built with. */
    URI baseUrl() {
        return WireMockPeers.baseUri(server).resolve(ROOT);
    }

    List<Request> received() {
        return WireMockPeers.journal(server).stream().map(SyncopeStub::asRequest).toList();
    }

    /** The requests so far for {@code method ROOT+path}. */
    List<Request> received(String method, String path) {
        return received().stream().filter(request -> request.method().equals(method)
                && request.rawPath().equals(ROOT + path)).toList();
    }

    /** The only request so far for {@code method ROOT+path}. */
    Request only(String method, String path) {
        List<Request> matching = received(method, path);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got "
                    + matching.size() + " among " + received());
        }
        return matching.get(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Request asRequest(LoggedRequest logged) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : logged.getHeaders().all()) {
            headers.put(header.key(), List.copyOf(header.values()));
        }
        URI uri = URI.create(logged.getUrl());
        return new Request(logged.getMethod().getName(), uri.getRawPath(), uri.getRawQuery(),
                headers, logged.getBodyAsString());
    }
}

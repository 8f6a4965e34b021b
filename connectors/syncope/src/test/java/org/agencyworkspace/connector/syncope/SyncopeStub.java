package org.agencyworkspace.connector.syncope;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for Syncope's core REST API: answers are scripted per method and raw path
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

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    SyncopeStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
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
        scripts.put(method + " " + ROOT + path, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    /** The REST root a client is built with. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ROOT);
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    /** The requests so far for {@code method ROOT+path}. */
    List<Request> received(String method, String path) {
        return received.stream().filter(request -> request.method().equals(method)
                && request.rawPath().equals(ROOT + path)).toList();
    }

    /** The only request so far for {@code method ROOT+path}. */
    Request only(String method, String path) {
        List<Request> matching = received(method, path);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got "
                    + matching.size() + " among " + received);
        }
        return matching.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        received.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                headers, new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8)));
        Reply reply = next(exchange.getRequestMethod() + " " + uri.getRawPath());
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, values) ->
                values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private Reply next(String key) {
        Deque<Reply> inTurn = scripts.get(key);
        if (inTurn == null) {
            return new Reply(404, Map.of("Content-Type", List.of("text/html")),
                    "<html><body><h1>HTTP Status 404 – Not Found</h1></body></html>");
        }
        synchronized (inTurn) {
            return inTurn.size() > 1 ? inTurn.poll() : inTurn.peek();
        }
    }
}

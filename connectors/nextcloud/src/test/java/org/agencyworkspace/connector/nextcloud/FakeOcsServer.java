package org.agencyworkspace.connector.nextcloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;

/**
 * A loopback stand-in for Nextcloud's OCS endpoints: answers are keyed by method and raw
 * (percent-encoded) path, taken in turn (the last one repeats), and every request is kept with
 * its raw path, raw query, headers and body. A request nobody scripted gets a 501 without an OCS
 * envelope, so the connector fails loudly instead of reading it as "not found".
 */
final class FakeOcsServer implements AutoCloseable {

    /**
     * A request as it arrived.
     *
     * @param method HTTP method
     * @param rawPath path, percent-encoded as sent
     * @param rawQuery query, percent-encoded as sent; empty when none
     * @param headers first value of each header, names matched without regard to case
     * @param body body as UTF-8
     */
    record Request(String method, String rawPath, String rawQuery, Map<String, String> headers,
            String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    FakeOcsServer() {
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method rawPath} with {@code inTurn}, one per request, the last repeating. */
    FakeOcsServer on(String method, String rawPath, Answer... inTurn) {
        answers.put(method + " " + rawPath, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    /** The only request so far; fails when there were none or several. */
    Request onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received);
        }
        return received.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        URI uri = exchange.getRequestURI();
        received.add(new Request(exchange.getRequestMethod(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = next(exchange.getRequestMethod() + " " + uri.getRawPath());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private Answer next(String key) {
        Deque<Answer> inTurn = answers.get(key);
        if (inTurn == null) {
            return new Answer(501, Map.of("Content-Type", "text/plain"), "no answer for " + key);
        }
        synchronized (inTurn) {
            return inTurn.size() > 1 ? inTurn.poll() : inTurn.peek();
        }
    }
}

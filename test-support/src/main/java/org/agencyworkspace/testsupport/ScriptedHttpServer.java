package org.agencyworkspace.testsupport;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.CannedHttpServer.Received;

/**
 * A loopback HTTP peer like {@link CannedHttpServer}, but keyed by method and raw path, and
 * answering a sequence: each request takes the next answer, the last one repeats. For token
 * renewal (401, then 200), GET versus PUT on the same path, and a lookup that finds nothing
 * before a create and the object after it. A request nothing was scripted for gets the
 * {@code unscripted} answer, which should be what the real server says for a path it does not
 * serve.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final Answer unscripted;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedHttpServer(Answer unscripted) {
        this.unscripted = unscripted;
        try {
            server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method rawPath} (percent-encoded as sent, without query) in turn. */
    public ScriptedHttpServer on(String method, String rawPath, Answer... inTurn) {
        answers.put(method + " " + rawPath, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request so far, with its raw path and query. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests so far for {@code method rawPath}. */
    public List<Received> received(String method, String rawPath) {
        return received.stream().filter(request -> request.method().equals(method)
                && request.path().split("\\?", 2)[0].equals(rawPath)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        URI uri = exchange.getRequestURI();
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers,
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
            return unscripted;
        }
        synchronized (inTurn) {
            return inTurn.size() > 1 ? inTurn.poll() : inTurn.peek();
        }
    }
}

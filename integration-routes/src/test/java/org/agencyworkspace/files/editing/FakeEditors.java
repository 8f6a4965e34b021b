package org.agencyworkspace.files.editing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.testsupport.WopiDiscoveryXml;

/**
 * The editors' servers as far as the workspace reaches them, since neither Collabora Online nor
 * ONLYOFFICE runs here: Collabora's {@code /hosting/discovery} (with a proof key pair made here,
 * shaped as in the WOPI digest) and the Document Server's download links for edited results.
 */
public final class FakeEditors {

    public static final KeyPair PROOF_KEY = WopiDiscoveryXml.rsaKeyPair();
    static final KeyPair OLD_PROOF_KEY = WopiDiscoveryXml.rsaKeyPair();
    static final KeyPair STRANGER_KEY = WopiDiscoveryXml.rsaKeyPair();
    public static final FakeEditors INSTANCE = new FakeEditors();

    final HttpServer server;
    final Map<String, byte[]> results = new ConcurrentHashMap<>();
    final AtomicInteger resultDownloads = new AtomicInteger();
    /** The last command-service request: its body and Authorization header. */
    final java.util.concurrent.atomic.AtomicReference<String[]> lastCommand = new java.util.concurrent.atomic.AtomicReference<>();

    private FakeEditors() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] discovery = WopiDiscoveryXml.collabora("https://cool.example/browser/dist/cool.html?",
                PROOF_KEY, OLD_PROOF_KEY).getBytes(StandardCharsets.UTF_8);
        server.createContext("/hosting/discovery", exchange -> respond(exchange, discovery));
        server.createContext("/command", exchange -> {
            lastCommand.set(new String[] {new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization")});
            respond(exchange, "{\"error\":0}".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/cache/files/", exchange -> {
            resultDownloads.incrementAndGet();
            respond(exchange, results.get(exchange.getRequestURI().getPath()));
        });
        server.start();
    }

    /** 200 with the body, or 404 without one. */
    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes an edited result as the Document Server does; returns its temporary URL. */
    String publishResult(String name, byte[] content) {
        String path = "/cache/files/" + name;
        results.put(path, content);
        return url() + path;
    }
}

package org.agencyworkspace.files.editing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The editors' servers as far as the workspace reaches them, since neither Collabora Online nor
 * ONLYOFFICE runs here: Collabora's {@code /hosting/discovery} (with a proof key pair made here,
 * shaped as in the WOPI digest) and the Document Server's download links for edited results.
 */
public final class FakeEditors {

    public static final KeyPair PROOF_KEY = rsa();
    static final KeyPair OLD_PROOF_KEY = rsa();
    static final KeyPair STRANGER_KEY = rsa();
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
        byte[] discovery = discoveryXml().getBytes(StandardCharsets.UTF_8);
        server.createContext("/hosting/discovery", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, discovery.length);
            exchange.getResponseBody().write(discovery);
            exchange.close();
        });
        server.createContext("/command", exchange -> {
            lastCommand.set(new String[] {new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization")});
            byte[] answer = "{\"error\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/cache/files/", exchange -> {
            byte[] result = results.get(exchange.getRequestURI().getPath());
            resultDownloads.incrementAndGet();
            if (result == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, result.length);
                exchange.getResponseBody().write(result);
            }
            exchange.close();
        });
        server.start();
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

    private static String discoveryXml() {
        RSAPublicKey key = (RSAPublicKey) PROOF_KEY.getPublic();
        RSAPublicKey old = (RSAPublicKey) OLD_PROOF_KEY.getPublic();
        String urlsrc = "https://cool.example/browser/dist/cool.html?";
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <wopi-discovery>
                  <net-zone name="external-http">
                    <app name="application/vnd.openxmlformats-officedocument.wordprocessingml.document">
                      <action default="true" ext="docx" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="application/vnd.oasis.opendocument.text">
                      <action default="true" ext="odt" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="text/plain">
                      <action default="true" ext="txt" name="edit" urlsrc="%1$s"/>
                    </app>
                    <app name="application/pdf">
                      <action default="true" ext="pdf" name="view" urlsrc="%1$s"/>
                    </app>
                  </net-zone>
                  <proof-key modulus="%2$s" exponent="%3$s" oldmodulus="%4$s" oldexponent="%5$s" value="x" oldvalue="y"/>
                </wopi-discovery>
                """.formatted(urlsrc, b64(key.getModulus()), b64(key.getPublicExponent()),
                b64(old.getModulus()), b64(old.getPublicExponent()));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return Base64.getEncoder().encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

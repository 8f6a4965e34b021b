package org.agencyworkspace.connector.nextcloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.testsupport.WireMockPeers;

/**
 * A loopback stand-in (WireMock, answering from this class's state) for Nextcloud's file
 * uploads, built from the reference (§1, §9): plain
 * {@code PUT} under {@code /remote.php/dav/files/<user>/} with {@code If-Match} /
 * {@code If-None-Match}, and chunked upload v2 under {@code /remote.php/dav/uploads/<user>/}:
 * {@code MKCOL} needs {@code Destination}; chunk {@code PUT}s need it too; {@code MOVE} of
 * {@code .file} assembles the chunks in name order, checks {@code OC-Total-Length}, honours
 * {@code Overwrite: F} and a tagged {@code If} on the destination, and answers with
 * {@code OC-ETag}; {@code DELETE} drops an upload. Every request is recorded with its headers
 * and body size.
 */
final class FakeNextcloudUploads implements AutoCloseable {

    static final String FILES = "/remote.php/dav/files/workspace/";
    static final String UPLOADS = "/remote.php/dav/uploads/workspace/";

    /** A request as it arrived: raw path, headers (case-insensitive names), body size. */
    record Request(String method, String rawPath, Map<String, String> headers, int bodySize) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    private final WireMockServer server;
    /** Stored files by raw path. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    /** Open uploads by raw folder path: chunk name to bytes, in name order. */
    private final Map<String, TreeMap<String, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger versions = new AtomicInteger();
    private volatile String failingChunk;
    private volatile int failingStatus;

    FakeNextcloudUploads() {
        server = WireMockPeers.answering(this::respond);
    }

    URI davUrl() {
        return WireMockPeers.baseUri(server).resolve("/remote.php/dav");
    }

    /** Answers the chunk {@code name} (e.g. {@code 00002}) with {@code status}. */
    void failChunk(String name, int status) {
        failingChunk = name;
        failingStatus = status;
    }

    /** Stores a file as if uploaded before, with a fresh ETag. */
    String store(String rawPath, byte[] content) {
        files.put(rawPath, content);
        String etag = "\"v" + versions.incrementAndGet() + "\"";
        etags.put(rawPath, etag);
        return etag;
    }

    Optional<byte[]> file(String rawPath) {
        return Optional.ofNullable(files.get(rawPath));
    }

    Map<String, TreeMap<String, byte[]>> openUploads() {
        return Map.copyOf(uploads);
    }

    List<Request> received() {
        return WireMockPeers.journal(server).stream().map(FakeNextcloudUploads::asRequest)
                .toList();
    }

    List<Request> received(String method) {
        return received().stream().filter(request -> request.method().equals(method)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private ResponseDefinitionBuilder respond(com.github.tomakehurst.wiremock.http.Request http) {
        List<HttpHeader> answerHeaders = new ArrayList<>();
        int status = answer(asRequest(http), http.getBody(), answerHeaders);
        return aResponse().withStatus(status).withHeaders(new HttpHeaders(answerHeaders));
    }

    private static Request asRequest(com.github.tomakehurst.wiremock.http.Request logged) {
        return new Request(logged.getMethod().getName(), URI.create(logged.getUrl()).getRawPath(),
                WireMockPeers.headers(logged), logged.getBody().length);
    }

    private int answer(Request request, byte[] body, List<HttpHeader> answer) {
        String path = request.rawPath();
        if (path.startsWith(FILES) && request.method().equals("PUT")) {
            return write(path, body, request.header("If-Match"),
                    request.header("If-None-Match").isPresent(), answer);
        }
        if (!path.startsWith(UPLOADS)) {
            return 404;
        }
        String rest = path.substring(UPLOADS.length());
        String folder = UPLOADS + rest.split("/")[0];
        switch (request.method()) {
            case "MKCOL" -> {
                if (request.header("Destination").isEmpty()) {
                    return 400;
                }
                uploads.put(folder, new TreeMap<>());
                return 201;
            }
            case "PUT" -> {
                String chunk = rest.substring(rest.indexOf('/') + 1);
                if (chunk.equals(failingChunk)) {
                    return failingStatus;
                }
                if (!uploads.containsKey(folder) || request.header("Destination").isEmpty()) {
                    return uploads.containsKey(folder) ? 400 : 404;
                }
                uploads.get(folder).put(chunk, body);
                return 201;
            }
            case "MOVE" -> {
                return assemble(folder, request, answer);
            }
            case "DELETE" -> {
                return uploads.remove(folder) == null ? 404 : 204;
            }
            default -> {
                return 405;
            }
        }
    }

    private int assemble(String folder, Request request, List<HttpHeader> answer) {
        TreeMap<String, byte[]> chunks = uploads.get(folder);
        Optional<String> destination = request.header("Destination");
        if (chunks == null || !request.rawPath().endsWith("/.file") || destination.isEmpty()) {
            return chunks == null ? 404 : 400;
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        chunks.values().forEach(whole::writeBytes);
        if (!request.header("OC-Total-Length").map(Long::parseLong)
                .equals(Optional.of((long) whole.size()))) {
            return 400;
        }
        String target = URI.create(destination.get()).getRawPath();
        Optional<String> expected = request.header("If").map(value ->
                value.substring(value.indexOf("([") + 2, value.lastIndexOf("])")));
        boolean overwrite = !request.header("Overwrite").orElse("T").equals("F");
        if (!overwrite && files.containsKey(target)) {
            return 412;
        }
        if (expected.isPresent() && !expected.get().equals(etags.get(target))) {
            return 412;
        }
        uploads.remove(folder);
        return stored(target, whole.toByteArray(), answer);
    }

    private int write(String path, byte[] body, Optional<String> ifMatch, boolean ifNoneMatch,
            List<HttpHeader> answer) {
        if (ifNoneMatch && files.containsKey(path)) {
            return 412;
        }
        if (ifMatch.isPresent() && !ifMatch.get().equals(etags.get(path))) {
            return 412;
        }
        return stored(path, body, answer);
    }

    private int stored(String path, byte[] content, List<HttpHeader> answer) {
        boolean existed = files.containsKey(path);
        String etag = store(path, content);
        answer.add(new HttpHeader("OC-ETag", etag));
        answer.add(new HttpHeader("OC-FileId", "00000259oczn5x60nrdu"));
        return existed ? 204 : 201;
    }
}

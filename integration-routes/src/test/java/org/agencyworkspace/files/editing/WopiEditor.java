package org.agencyworkspace.files.editing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agencyworkspace.connector.office.WopiProof;

/**
 * Collabora Online's side of WOPI, as its WopiStorage sends requests: the access token in the
 * query, X-WOPI-Override on POSTs, proof headers signed over the public URL, X-COOL-* save
 * headers. The public URL (what the editor believes it calls) is mapped onto the test server.
 */
public final class WopiEditor {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String publicBase;
    private final String localBase;
    KeyPair signingKey = FakeEditors.PROOF_KEY;
    Instant signedAt;

    public WopiEditor(String publicBase, String localBase) {
        this.publicBase = publicBase;
        this.localBase = localBase;
    }

    public HttpResponse<String> checkFileInfo(String wopiSrc, String token) {
        return send("GET", wopiSrc, token, Map.of(), null);
    }

    public HttpResponse<String> getFile(String wopiSrc, String token, Map<String, String> headers) {
        return send("GET", wopiSrc + "/contents", token, headers, null);
    }

    public HttpResponse<String> lock(String wopiSrc, String token, String override, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-WOPI-Override", override);
        return send("POST", wopiSrc, token, all, new byte[0]);
    }

    public HttpResponse<String> putFile(String wopiSrc, String token, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-WOPI-Override", "PUT");
        all.putIfAbsent("X-COOL-WOPI-IsModifiedByUser", "true");
        all.putIfAbsent("X-COOL-WOPI-IsAutosave", "false");
        all.putIfAbsent("X-COOL-WOPI-IsExitSave", "false");
        return send("POST", wopiSrc + "/contents", token, all, body);
    }

    HttpResponse<String> post(String wopiSrc, String token, Map<String, String> headers, byte[] body) {
        return send("POST", wopiSrc, token, headers, body);
    }

    public HttpResponse<String> send(String method, String publicUrl, String token, Map<String, String> headers, byte[] body) {
        return send(method, publicUrl, token, headers, body, HttpResponse.BodyHandlers.ofString());
    }

    /** GetFile as an editor reads it, bytes unread into text: for timing. */
    public HttpResponse<Void> getFileDiscarding(String wopiSrc, String token) {
        return send("GET", wopiSrc + "/contents", token, Map.of(), null, HttpResponse.BodyHandlers.discarding());
    }

    private <T> HttpResponse<T> send(String method, String publicUrl, String token, Map<String, String> headers,
            byte[] body, HttpResponse.BodyHandler<T> handler) {
        String url = publicUrl + "?access_token=" + token;
        HttpRequest.Builder request = HttpRequest.newBuilder(local(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        proofHeaders(url, token).forEach(request::header);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PutFile whose Content-Length promises more than the body holds (a connection cut
     * mid-save), sent over a raw socket since HTTP clients will not send a wrong length.
     *
     * @return the HTTP status line's code
     */
    int putFileShort(String wopiSrc, String token, String lock, int announced, byte[] sent) throws IOException {
        String url = wopiSrc + "/contents?access_token=" + token;
        URI local = local(url);
        try (Socket socket = new Socket(local.getHost(), local.getPort())) {
            StringBuilder head = new StringBuilder("POST " + local.getRawPath() + "?" + local.getRawQuery() + " HTTP/1.1\r\n")
                    .append("Host: ").append(local.getHost()).append(':').append(local.getPort()).append("\r\n")
                    .append("Content-Length: ").append(announced).append("\r\n")
                    .append("X-WOPI-Override: PUT\r\nX-WOPI-Lock: ").append(lock).append("\r\n")
                    .append("Connection: close\r\n");
            proofHeaders(url, token).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private Map<String, String> proofHeaders(String url, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (signingKey == null) {
            return headers;
        }
        long ticks = WopiProof.ticks(signedAt == null ? Instant.now() : signedAt);
        headers.put("X-WOPI-TimeStamp", Long.toString(ticks));
        headers.put("X-WOPI-Proof", WopiProof.sign(signingKey.getPrivate(), token, url, ticks));
        return headers;
    }

    private URI local(String publicUrl) {
        if (!publicUrl.startsWith(publicBase)) {
            throw new IllegalArgumentException(publicUrl + " is not under " + publicBase);
        }
        return URI.create(localBase + publicUrl.substring(publicBase.length()));
    }
}

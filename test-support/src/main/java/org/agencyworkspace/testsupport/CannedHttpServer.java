package org.agencyworkspace.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP peer (WireMock) that answers recorded protocol payloads, for connector parsing
 * tests that need no real server. Each path answers one canned status, headers and body whatever
 * the method; every request is kept for assertions.
 */
public final class CannedHttpServer implements AutoCloseable {

    /**
     * A canned answer.
     *
     * @param status HTTP status
     * @param headers response headers
     * @param body response body, UTF-8
     */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }

        /** This answer as a WireMock response. */
        public ResponseDefinitionBuilder response() {
            return WireMockPeers.answer(status, headers, body);
        }
    }

    /**
     * A request the server received.
     *
     * @param method HTTP method
     * @param path request path with query, as sent
     * @param headers request headers (first value of each; names in any case)
     * @param body request body, UTF-8
     */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        static Received of(LoggedRequest request) {
            return new Received(request.getMethod().getName(), request.getUrl(),
                    WireMockPeers.headers(request),
                    request.getBodyAsString());
        }
    }

    private final WireMockServer server = WireMockPeers.start();

    public CannedHttpServer() {
        server.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(WireMockPeers.answer(404, Map.of(), "not found")));
    }

    /** Answers requests to {@code path} (exact, without query) with {@code answer}. */
    public CannedHttpServer on(String path, Answer answer) {
        // matched decoded, as a test names a path: "/rooms/!r:hs" for "/rooms/%21r%3Ahs"
        WireMockPeers.inTurn(server, path, () -> any(anyUrl()).andMatching(request ->
                        MatchResult.of(URI.create(request.getUrl()).getPath().equals(path))),
                List.of(answer.response()));
        return this;
    }

    public URI baseUri() {
        return WireMockPeers.baseUri(server);
    }

    public List<Received> received() {
        return WireMockPeers.journal(server).stream().map(Received::of).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}

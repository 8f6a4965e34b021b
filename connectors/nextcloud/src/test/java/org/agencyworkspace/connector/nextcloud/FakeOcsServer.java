package org.agencyworkspace.connector.nextcloud;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.WireMockPeers;

/**
 * A loopback stand-in (WireMock) for Nextcloud's OCS endpoints: answers are keyed by method and raw
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

    private final WireMockServer server = WireMockPeers.start();

    FakeOcsServer() {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(WireMockPeers.answer(501,
                Map.of("Content-Type", "text/plain"), "no answer scripted")));
    }

    /** Answers {@code method rawPath} with {@code inTurn}, one per request, the last repeating. */
    FakeOcsServer on(String method, String rawPath, Answer... inTurn) {
        WireMockPeers.inTurn(server, method + " " + rawPath,
                () -> request(method, urlPathEqualTo(rawPath)),
                Arrays.stream(inTurn).map(Answer::response).toList());
        return this;
    }

    URI baseUri() {
        return WireMockPeers.baseUri(server);
    }

    List<Request> received() {
        return WireMockPeers.journal(server).stream().map(FakeOcsServer::asRequest).toList();
    }

    /** The only request so far; fails when there were none or several. */
    Request onlyRequest() {
        List<Request> received = received();
        if (received.size() != 1) {
            throw new AssertionError("expected one request, got " + received);
        }
        return received.get(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Request asRequest(LoggedRequest logged) {
        URI uri = URI.create(logged.getUrl());
        return new Request(logged.getMethod().getName(), uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), WireMockPeers.headers(logged),
                logged.getBodyAsString());
    }
}

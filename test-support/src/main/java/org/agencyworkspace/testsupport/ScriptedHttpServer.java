package org.agencyworkspace.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.CannedHttpServer.Received;

/**
 * A loopback HTTP peer (WireMock) like {@link CannedHttpServer}, but keyed by method and raw
 * path, and answering a sequence: each request takes the next answer, the last one repeats. For
 * token renewal (401, then 200), GET versus PUT on the same path, and a lookup that finds nothing
 * before a create and the object after it. A request nothing was scripted for gets the
 * {@code unscripted} answer, which should be what the real server says for a path it does not
 * serve.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final WireMockServer server = WireMockPeers.start();

    public ScriptedHttpServer(Answer unscripted) {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(unscripted.response()));
    }

    /** Answers {@code method rawPath} (percent-encoded as sent, without query) in turn. */
    public ScriptedHttpServer on(String method, String rawPath, Answer... inTurn) {
        WireMockPeers.inTurn(server, method + " " + rawPath,
                () -> request(method, urlPathEqualTo(rawPath)),
                Arrays.stream(inTurn).map(Answer::response).toList());
        return this;
    }

    public URI baseUri() {
        return WireMockPeers.baseUri(server);
    }

    /** Every request so far, with its raw path and query. */
    public List<Received> received() {
        return WireMockPeers.journal(server).stream().map(Received::of).toList();
    }

    /** The requests so far for {@code method rawPath}. */
    public List<Received> received(String method, String rawPath) {
        return received().stream().filter(request -> request.method().equals(method)
                && request.path().split("\\?", 2)[0].equals(rawPath)).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}

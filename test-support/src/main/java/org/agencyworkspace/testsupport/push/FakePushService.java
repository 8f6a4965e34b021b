package org.agencyworkspace.testsupport.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A push service (RFC 8030) for tests, on a free loopback port: it accepts every message posted
 * to {@code /push/<device>} with 201, or answers a device with the status a test set (410 for
 * an unsubscribed browser, 500 for an outage). What it received is kept, to be decrypted with a
 * {@link PushBrowser} and its VAPID token checked with {@link VapidToken}.
 */
public final class FakePushService implements AutoCloseable {

    /** One message as it arrived: the device's path, its headers (names lower-cased), its body. */
    public record Received(String device, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final WireMockServer server;

    public FakePushService() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathMatching("/push/.+")).willReturn(aResponse().withStatus(201)));
    }

    /** {@code http://127.0.0.1:<port>}, the audience a VAPID token for this service names. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The endpoint of one device's subscription. */
    public URI endpoint(String device) {
        return URI.create(origin() + "/push/" + device);
    }

    /** From now on, messages to this device get {@code status}. */
    public void answer(String device, int status) {
        server.stubFor(post(urlEqualTo("/push/" + device)).willReturn(aResponse().withStatus(status)));
    }

    /** Everything received, oldest first. */
    public List<Received> received() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .map(request -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (HttpHeader header : request.getHeaders().all()) {
                        headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
                    }
                    return new Received(request.getUrl().substring("/push/".length()), headers, request.getBody());
                })
                .toList();
    }

    public void reset() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }
}

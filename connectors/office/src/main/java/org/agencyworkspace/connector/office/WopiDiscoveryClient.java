package org.agencyworkspace.connector.office;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fetches an editor's discovery document and keeps it for {@code maxAge} (Microsoft suggests
 * 12 to 24 hours). {@link #refresh()} fetches anew at once: callers do so when a proof only
 * verifies with the old key or not at all, since the editor may have rotated its keys.
 */
public class WopiDiscoveryClient {

    private final URI discoveryUrl;
    private final Duration maxAge;
    private final HttpClient http;
    private final Clock clock;
    private WopiDiscovery cached;
    private Instant fetchedAt;

    /**
     * @param editorUrl the editor's base URL ({@code https://collabora.example}); discovery is
     *     at {@code /hosting/discovery} below it for Collabora and ONLYOFFICE alike
     */
    public WopiDiscoveryClient(URI editorUrl, Duration maxAge, Duration timeout, Clock clock) {
        String base = editorUrl.toString();
        this.discoveryUrl = URI.create((base.endsWith("/") ? base : base + "/") + "hosting/discovery");
        this.maxAge = maxAge;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI discoveryUrl() {
        return discoveryUrl;
    }

    /** The cached discovery, fetched when there is none or it is older than the maximum age. */
    public synchronized WopiDiscovery current() {
        if (cached == null || fetchedAt.plus(maxAge).isBefore(clock.instant())) {
            return refresh();
        }
        return cached;
    }

    /**
     * @throws UncheckedIOException when the editor cannot be reached or answers with an error
     * @throws OfficeProtocolException when its answer is not a discovery document
     */
    public synchronized WopiDiscovery refresh() {
        HttpRequest request = HttpRequest.newBuilder(discoveryUrl).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/xml, application/xml").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new UncheckedIOException(new IOException("discovery at " + discoveryUrl
                            + " answered HTTP " + response.statusCode()));
                }
                cached = WopiDiscovery.parse(body);
                fetchedAt = clock.instant();
                return cached;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("discovery at " + discoveryUrl + " cannot be fetched", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted fetching " + discoveryUrl, e));
        }
    }
}

package org.agencyworkspace.files.editing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.security.KeyPair;
import java.util.List;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.agencyworkspace.testsupport.WopiDiscoveryXml;

/**
 * The editors' servers as far as the workspace reaches them, since neither Collabora Online nor
 * ONLYOFFICE runs here, stubbed on one WireMock: Collabora's {@code /hosting/discovery} (with a
 * proof key pair made here, shaped as in the WOPI digest), the Document Server's command service,
 * and its download links for edited results (404 for a link it never published).
 */
public final class FakeEditors {

    public static final KeyPair PROOF_KEY = WopiDiscoveryXml.rsaKeyPair();
    static final KeyPair OLD_PROOF_KEY = WopiDiscoveryXml.rsaKeyPair();
    static final KeyPair STRANGER_KEY = WopiDiscoveryXml.rsaKeyPair();
    public static final FakeEditors INSTANCE = new FakeEditors();

    private static final String RESULTS = "/cache/files/";

    private final WireMockServer server = WireMockPeers.start();

    private FakeEditors() {
        server.stubFor(get(urlPathEqualTo("/hosting/discovery")).willReturn(ok(
                WopiDiscoveryXml.collabora("https://cool.example/browser/dist/cool.html?",
                        PROOF_KEY, OLD_PROOF_KEY))));
        server.stubFor(post(urlPathEqualTo("/command")).willReturn(ok("{\"error\":0}")));
        server.stubFor(get(urlPathMatching(RESULTS + ".*")).atPriority(9).willReturn(notFound()));
    }

    public String url() {
        return WireMockPeers.baseUri(server).toString();
    }

    /** Publishes an edited result as the Document Server does; returns its temporary URL. */
    String publishResult(String name, byte[] content) {
        String path = RESULTS + name;
        server.stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(ok().withBody(content)));
        return url() + path;
    }

    /** How many times anyone fetched an edited result (published or not). */
    int resultDownloads() {
        return server.countRequestsMatching(
                anyRequestedFor(urlPathMatching(RESULTS + ".*")).build()).getCount();
    }

    /** The last command-service request: its body and Authorization header. */
    String[] lastCommand() {
        List<LoggedRequest> commands = WireMockPeers.journal(server).stream()
                .filter(request -> request.getUrl().startsWith("/command")).toList();
        if (commands.isEmpty()) {
            return null;
        }
        LoggedRequest last = commands.get(commands.size() - 1);
        return new String[] {last.getBodyAsString(), last.getHeader("Authorization")};
    }
}

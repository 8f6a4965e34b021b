package org.agencyworkspace.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way the tests start an HTTP fake: a WireMock server on a free loopback port, answering
 * with a plain {@code Content-Length} (no chunking, no gzip) as the small servers it stands in for
 * do, plus the two things WireMock leaves to its users: a script of answers taken in turn (a
 * scenario whose last answer repeats) and the request journal in arrival order.
 */
public final class WireMockPeers {

    private WireMockPeers() {
    }

    /** Options for a loopback WireMock on a free port; add extensions before starting. */
    public static WireMockConfiguration loopback() {
        return options().bindAddress("127.0.0.1").dynamicPort()
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .gzipDisabled(true)
                .notifier(new Slf4jNotifier(false));
    }

    /** A started loopback WireMock. */
    public static WireMockServer start() {
        return start(loopback());
    }

    /** A started WireMock with these options. */
    public static WireMockServer start(WireMockConfiguration options) {
        WireMockServer server = new WireMockServer(options);
        server.start();
        return server;
    }

    /**
     * A started loopback WireMock whose every request is answered by {@code answer}: for a fake
     * that keeps state (stored files, pages, sessions) or runs real protocol logic (signing a
     * time stamp, issuing a CRL), where stubs could only replay. The requests still go into the
     * journal.
     */
    public static WireMockServer answering(Function<Request, ResponseDefinitionBuilder> answer) {
        WireMockServer server = start(loopback().extensions(new ResponseDefinitionTransformerV2() {
            @Override
            public String getName() {
                return "answering";
            }

            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return answer.apply(event.getRequest()).build();
            }
        }));
        server.stubFor(any(anyUrl()).willReturn(ok()));
        return server;
    }

    public static URI baseUri(WireMockServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Answers requests matching {@code request} with {@code inTurn}: each takes the next answer,
     * the last one repeats. Replaces an earlier script registered under the same {@code key}.
     */
    public static void inTurn(WireMockServer server, String key, Supplier<MappingBuilder> request,
            List<ResponseDefinitionBuilder> inTurn) {
        String prefix = "script " + key + " #";
        server.getStubMappings().stream()
                .filter(stub -> stub.getScenarioName() != null
                        && stub.getScenarioName().startsWith(prefix))
                .toList().forEach(server::removeStub);
        // a fresh scenario per script, so a replaced script starts from its first answer
        String scenario = prefix + UUID.randomUUID();
        String state = Scenario.STARTED;
        for (int i = 0; i < inTurn.size(); i++) {
            ScenarioMappingBuilder mapping = request.get().atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(state);
            if (i < inTurn.size() - 1) {
                state = "answer " + (i + 1);
                mapping = mapping.willSetStateTo(state);
            }
            server.stubFor(mapping.willReturn(inTurn.get(i)));
        }
    }

    /** A response with these single-valued headers and a UTF-8 body (none when empty). */
    public static ResponseDefinitionBuilder answer(int status, Map<String, String> headers,
            String body) {
        List<HttpHeader> all = new ArrayList<>();
        headers.forEach((name, value) -> all.add(new HttpHeader(name, value)));
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeaders(new HttpHeaders(all));
        return body.isEmpty() ? response : response.withBody(body);
    }

    /** A request's headers, first value of each, names matched without regard to case. */
    public static Map<String, String> headers(Request request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.firstValue());
        }
        return headers;
    }

    /** Every request so far, oldest first. */
    public static List<LoggedRequest> journal(WireMockServer server) {
        List<LoggedRequest> requests = new ArrayList<>(server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).toList());
        Collections.reverse(requests);
        return requests;
    }

}

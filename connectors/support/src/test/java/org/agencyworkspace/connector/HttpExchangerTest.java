package org.agencyworkspace.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpExchangerTest {

    private final CannedHttpServer server = new CannedHttpServer();
    // No test here is about timeouts: generous ones keep a loaded machine's slow first answer
    // (the canned server warming up) from failing what is tested.
    private final HttpExchanger http = new HttpExchanger("test", Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void returnsTheBodyOfASuccessfulAnswer() {
        server.on("/ok", Answer.json(200, "{\"ok\":true}"));

        assertThat(http.send(http.request(server.baseUri().resolve("/ok")).GET().build()))
                .isEqualTo("{\"ok\":true}");
    }

    @Test
    void clientErrorsArePermanentAndCarryTheServerTextButNoSecret() {
        server.on("/missing", Answer.json(404, "{\"error\":\"Realm does not exist\"}"));
        URI uri = server.baseUri().resolve("/missing?access_token=topsecret");

        assertThatThrownBy(() -> http.send(http.request(uri).GET().build()))
                .isInstanceOfSatisfying(PermanentConnectorException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.serverMessage()).contains("Realm does not exist");
                    assertThat(e.getMessage()).contains("access_token=xxxxxx")
                            .doesNotContain("topsecret");
                });
    }

    @Test
    void serverErrorsAndRateLimitsAreTransient() {
        server.on("/busy", Answer.json(503, "down for maintenance"));
        server.on("/slow-down", Answer.json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\"}"));

        assertThatThrownBy(() -> http.send(http.request(server.baseUri().resolve("/busy")).GET().build()))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> http.send(http.request(server.baseUri().resolve("/slow-down")).GET().build()))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anUnreachableServerIsTransientWithNoStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");

        assertThatThrownBy(() -> http.send(http.request(nowhere).GET().build()))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isZero());
    }

    @Test
    void callKeepsStatusAndHeadersAndCallIfFoundTurns404IntoEmpty() {
        server.on("/users", new Answer(201, java.util.Map.of("Location",
                "http://kc/admin/realms/agency/users/7d1f"), ""));

        HttpExchanger.Response created = http.call(http.request(server.baseUri().resolve("/users"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("location")).hasValue("http://kc/admin/realms/agency/users/7d1f");
        assertThat(http.callIfFound(http.request(server.baseUri().resolve("/absent")).GET().build()))
                .isEmpty();
    }

    @Test
    void callAcceptingHandsBackTheAcceptedRefusalsOnly() {
        server.on("/refused", Answer.json(403, "{\"ocs\":{\"meta\":{\"statuscode\":997}}}"));
        server.on("/down", Answer.json(503, "maintenance"));

        HttpExchanger.Response refused = http.callAccepting(
                http.request(server.baseUri().resolve("/refused")).GET().build(), status -> status == 403);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("997");
        assertThatThrownBy(() -> http.callAccepting(
                http.request(server.baseUri().resolve("/down")).GET().build(), status -> status == 403))
                .isInstanceOf(TransientConnectorException.class);
    }
}

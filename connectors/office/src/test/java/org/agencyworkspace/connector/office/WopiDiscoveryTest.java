package org.agencyworkspace.connector.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WopiDiscoveryTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsCollaborasActionsByExtensionAndBothProofKeys() {
        KeyPair current = DiscoveryXml.rsaKeyPair();
        KeyPair old = DiscoveryXml.rsaKeyPair();

        WopiDiscovery discovery = parse(DiscoveryXml.collabora(current, old));

        assertThat(discovery.urlsrc("DOCX", "edit")).hasValue("https://cool.example/browser/4a1b/cool.html?");
        assertThat(discovery.urlsrc("pdf", "view")).isPresent();
        assertThat(discovery.urlsrc("pdf", "edit")).isEmpty();
        assertThat(discovery.proofKey()).isEqualTo(current.getPublic());
        assertThat(discovery.oldProofKey()).isEqualTo(old.getPublic());
    }

    @Test
    void readsOnlyOfficesProductApps() {
        WopiDiscovery discovery = parse(DiscoveryXml.onlyOffice(DiscoveryXml.rsaKeyPair()));

        assertThat(discovery.urlsrc("docx", "edit")).hasValue("https://oo.example/hosting/wopi/word/edit?<ui=UI_LLCC&>");
        assertThat(discovery.urlsrc("xlsx", "edit")).hasValue("https://oo.example/hosting/wopi/cell/edit?");
        assertThat(discovery.oldProofKey()).isNull();
    }

    @Test
    void aDiscoveryWithoutProofKeyMeansUnsignedRequests() {
        assertThat(parse(DiscoveryXml.collabora(null, null)).signsRequests()).isFalse();
    }

    @Test
    void refusesSomethingElseAndEntities() {
        assertThatThrownBy(() -> parse("<html><body>login</body></html>"))
                .isInstanceOf(OfficeProtocolException.class).hasMessageContaining("<html>");
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<wopi-discovery>&e;</wopi-discovery>")).isInstanceOf(OfficeProtocolException.class);
    }

    @Test
    void fetchesOnceThenServesTheCacheUntilItIsOldOrRefreshed() throws IOException {
        AtomicInteger fetches = new AtomicInteger();
        byte[] xml = DiscoveryXml.collabora(null, null).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hosting/discovery", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(200, xml.length);
            exchange.getResponseBody().write(xml);
            exchange.close();
        });
        server.start();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T01:00:00Z"));
        WopiDiscoveryClient client = new WopiDiscoveryClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofHours(12),
                Duration.ofSeconds(5), clock);

        assertThat(client.current().urlsrc("odt", "edit")).isPresent();
        client.current();
        assertThat(fetches).hasValue(1);
        clock.now = clock.now.plus(Duration.ofHours(13));
        client.current();
        assertThat(fetches).hasValue(2);
        client.refresh();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void anEditorAnsweringWithAnErrorIsReported() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        WopiDiscoveryClient client = new WopiDiscoveryClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofHours(12),
                Duration.ofSeconds(5), Clock.systemUTC());

        assertThatThrownBy(client::current).isInstanceOf(UncheckedIOException.class).hasMessageContaining("503");
    }

    private static WopiDiscovery parse(String xml) {
        return WopiDiscovery.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

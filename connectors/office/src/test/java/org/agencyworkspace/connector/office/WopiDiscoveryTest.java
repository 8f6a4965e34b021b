package org.agencyworkspace.connector.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WopiDiscoveryTest {

    private final WireMockServer server = WireMockPeers.start();

    @AfterEach
    void stop() {
        server.stop();
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
    void fetchesOnceThenServesTheCacheUntilItIsOldOrRefreshed() {
        server.stubFor(get(urlPathEqualTo("/hosting/discovery")).willReturn(
                aResponse().withStatus(200).withBody(DiscoveryXml.collabora(null, null))));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T01:00:00Z"));
        WopiDiscoveryClient client = new WopiDiscoveryClient(WireMockPeers.baseUri(server),
                Duration.ofHours(12), Duration.ofSeconds(5), clock);

        assertThat(client.current().urlsrc("odt", "edit")).isPresent();
        client.current();
        server.verify(1, getRequestedFor(urlPathEqualTo("/hosting/discovery")));
        clock.now = clock.now.plus(Duration.ofHours(13));
        client.current();
        server.verify(2, getRequestedFor(urlPathEqualTo("/hosting/discovery")));
        client.refresh();
        server.verify(3, getRequestedFor(urlPathEqualTo("/hosting/discovery")));
    }

    @Test
    void anEditorAnsweringWithAnErrorIsReported() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        WopiDiscoveryClient client = new WopiDiscoveryClient(
                WireMockPeers.baseUri(server).resolve("/"), Duration.ofHours(12),
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

package org.agencyworkspace.connector.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MofInvoicePlatform} against a fake of the platform's query API, written from its request
 * and answer shape (no App ID, so the real platform is never asked): the form it must send, the
 * found (200) and not-found (903) answers, refusals, outages and anything else.
 */
class MofInvoicePlatformTest {

    static final String APP_ID = "EINV0000000001";

    static final String PATH = "/PB2CAPIVAN/invapp/InvApp";

    final WireMockServer server = WireMockPeers.start();
    final MofInvoicePlatform platform;
    final EInvoice invoice;

    MofInvoicePlatformTest() {
        EInvoiceSamples.Sample sample = EInvoiceSamples.sample(new Random(8));
        invoice = EInvoiceQr.parse(sample.left().getBytes(StandardCharsets.UTF_8),
                sample.right().getBytes(StandardCharsets.UTF_8));
        // from the least to the most specific: another method or action, any App ID but ours,
        // an invoice the platform does not know (registered() adds the ones it knows)
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(9)
                .willReturn(json("{\"v\":\"0.5\",\"code\":\"904\",\"msg\":\"錯誤的查詢種類\"}")));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(8)
                .withFormParam("action", equalTo("qryInvDetail"))
                .willReturn(json("{\"v\":\"0.5\",\"code\":\"998\",\"msg\":\"AppID 錯誤\"}")));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(7)
                .withFormParam("action", equalTo("qryInvDetail"))
                .withFormParam("appID", equalTo(APP_ID))
                .willReturn(json("{\"v\":\"0.5\",\"code\":\"903\",\"msg\":\"查無此發票\"}")));
        platform = new MofInvoicePlatform(WireMockPeers.baseUri(server).resolve(PATH), APP_ID,
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    /** The form of the last request the platform received. */
    Map<String, String> lastForm() {
        List<LoggedRequest> journal =
                WireMockPeers.journal(server);
        return form(journal.get(journal.size() - 1).getBodyAsString());
    }

    void registered(String status, String amount) {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").format(invoice.issued());
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(2)
                .withFormParam("action", equalTo("qryInvDetail"))
                .withFormParam("appID", equalTo(APP_ID))
                .withFormParam("invNum", equalTo(invoice.number()))
                .withFormParam("invDate", equalTo(date))
                .withFormParam("randomNumber", equalTo(invoice.randomCode()))
                .withFormParam("sellerID", equalTo(invoice.seller()))
                .willReturn(json("""
                {"v":"0.5","code":"200","msg":"查詢成功","invNum":"%s","invDate":"%s","sellerBan":"%s",
                 "sellerName":"全家便利商店","invStatus":"%s","invPeriod":"11312","amount":"%s"}"""
                .formatted(invoice.number(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(invoice.issued()),
                        invoice.seller(), status, amount))));
    }

    @Test
    void sendsTheDocumentedFormAndReadsAFoundInvoice() {
        registered("已確認", invoice.total().toPlainString());

        InvoiceRegistry.Registered found = platform.find(InvoiceRegistry.Query.of(invoice)).orElseThrow();

        assertThat(found.number()).isEqualTo(invoice.number());
        assertThat(found.issued()).isEqualTo(invoice.issued());
        assertThat(found.total()).isEqualByComparingTo(invoice.total());
        assertThat(found.sellerName()).isEqualTo("全家便利商店");
        assertThat(found.valid()).isTrue();
        assertThat(lastForm()).containsEntry("action", "qryInvDetail").containsEntry("type", "QRCode")
                .containsEntry("version", "0.5").containsEntry("generation", "V2")
                .containsEntry("encrypt", invoice.verification()).containsEntry("randomNumber", invoice.randomCode())
                .containsEntry("sellerID", invoice.seller()).containsEntry("appID", APP_ID).containsKey("UUID");
    }

    @Test
    void anUnknownInvoiceIsNotFoundAndAVoidedOneIsNotValid() {
        assertThat(platform.find(InvoiceRegistry.Query.of(invoice))).isEmpty();
        registered("作廢", invoice.total().toPlainString());
        assertThat(platform.find(InvoiceRegistry.Query.of(invoice)).orElseThrow().valid()).isFalse();
    }

    @Test
    void aRefusedAppIdIsAPermanentErrorAndAnOutageATransientOne() {
        MofInvoicePlatform wrongId = new MofInvoicePlatform(WireMockPeers.baseUri(server).resolve(PATH),
                "NOT-OURS", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrongId.find(InvoiceRegistry.Query.of(invoice)))
                .isInstanceOfSatisfying(InvoiceRegistry.InvoiceRegistryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e).hasMessageContaining("998");
                });
        server.stubFor(any(urlPathEqualTo(PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> platform.find(InvoiceRegistry.Query.of(invoice)))
                .isInstanceOfSatisfying(InvoiceRegistry.InvoiceRegistryException.class,
                        e -> assertThat(e.isTransient()).isTrue());
        server.stop();
        assertThatThrownBy(() -> platform.find(InvoiceRegistry.Query.of(invoice)))
                .isInstanceOfSatisfying(InvoiceRegistry.InvoiceRegistryException.class,
                        e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void anyAnswerIsEitherReadOrAPermanentErrorNeverSomethingElse() {
        long seed = 17_2026L;
        Random random = new Random(seed);
        String found = """
                {"v":"0.5","code":"200","msg":"查詢成功","invNum":"AB12345678","invDate":"20240315",
                 "sellerBan":"22099131","sellerName":"店","invStatus":"已確認","amount":"1050"}""";
        String[] pieces = {"{", "}", "\"", ":", ",", "null", "[]", "\"903\"", "\"200\"", "-1e999", "\u0000", "王"};
        for (int round = 0; round < 3000; round++) {
            StringBuilder answer = new StringBuilder(found);
            for (int edits = random.nextInt(6); edits > 0; edits--) {
                int at = random.nextInt(answer.length() + 1);
                if (random.nextBoolean()) {
                    answer.insert(at, pieces[random.nextInt(pieces.length)]);
                } else {
                    answer.delete(at, Math.min(answer.length(), at + random.nextInt(12)));
                }
            }
            try {
                MofInvoicePlatform.read(answer.toString()).ifPresent(registered -> {
                    assertThat(registered.number()).isNotBlank();
                    assertThat(registered.total()).isNotNull();
                });
            } catch (InvoiceRegistry.InvoiceRegistryException expected) {
                assertThat(expected.isTransient()).isFalse();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", round " + round + ": " + answer + ": " + e, e);
            }
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}

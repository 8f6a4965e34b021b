package org.agencyworkspace.connector.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MofInvoicePlatform} against a fake of the platform's query API, written from its request
 * and answer shape (no App ID, so the real platform is never asked): the form it must send, the
 * found (200) and not-found (903) answers, refusals, outages and anything else.
 */
class MofInvoicePlatformTest {

    static final String APP_ID = "EINV0000000001";

    final Map<String, String> answers = new ConcurrentHashMap<>();
    final AtomicReference<Map<String, String>> lastForm = new AtomicReference<>();
    final AtomicReference<String> forced = new AtomicReference<>();
    final HttpServer server;
    final MofInvoicePlatform platform;
    final EInvoice invoice;

    MofInvoicePlatformTest() throws IOException {
        EInvoiceSamples.Sample sample = EInvoiceSamples.sample(new Random(8));
        invoice = EInvoiceQr.parse(sample.left().getBytes(StandardCharsets.UTF_8),
                sample.right().getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/PB2CAPIVAN/invapp/InvApp", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastForm.set(form);
            String answer = forced.get() != null ? forced.get()
                    : !"POST".equals(exchange.getRequestMethod()) || !"qryInvDetail".equals(form.get("action"))
                            ? "{\"v\":\"0.5\",\"code\":\"904\",\"msg\":\"錯誤的查詢種類\"}"
                    : !APP_ID.equals(form.get("appID")) ? "{\"v\":\"0.5\",\"code\":\"998\",\"msg\":\"AppID 錯誤\"}"
                    : answers.getOrDefault(key(form.get("invNum"), form.get("invDate"), form.get("randomNumber"),
                            form.get("sellerID")), "{\"v\":\"0.5\",\"code\":\"903\",\"msg\":\"查無此發票\"}");
            int status = answer.startsWith("HTTP ") ? Integer.parseInt(answer.substring(5, 8)) : 200;
            byte[] body = (status == 200 ? answer : "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        platform = new MofInvoicePlatform(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/PB2CAPIVAN/invapp/InvApp"), APP_ID, Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void registered(String status, String amount) {
        answers.put(key(invoice.number(), java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").format(invoice.issued()),
                invoice.randomCode(), invoice.seller()), """
                {"v":"0.5","code":"200","msg":"查詢成功","invNum":"%s","invDate":"%s","sellerBan":"%s",
                 "sellerName":"全家便利商店","invStatus":"%s","invPeriod":"11312","amount":"%s"}"""
                .formatted(invoice.number(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(invoice.issued()),
                        invoice.seller(), status, amount));
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
        assertThat(lastForm.get()).containsEntry("action", "qryInvDetail").containsEntry("type", "QRCode")
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
        MofInvoicePlatform wrongId = new MofInvoicePlatform(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/PB2CAPIVAN/invapp/InvApp"), "NOT-OURS", Duration.ofSeconds(5));
        assertThatThrownBy(() -> wrongId.find(InvoiceRegistry.Query.of(invoice)))
                .isInstanceOfSatisfying(InvoiceRegistry.InvoiceRegistryException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e).hasMessageContaining("998");
                });
        forced.set("HTTP 503");
        assertThatThrownBy(() -> platform.find(InvoiceRegistry.Query.of(invoice)))
                .isInstanceOfSatisfying(InvoiceRegistry.InvoiceRegistryException.class,
                        e -> assertThat(e.isTransient()).isTrue());
        server.stop(0);
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

    static String key(String number, String date, String random, String seller) {
        return number + '|' + date + '|' + random + '|' + seller;
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

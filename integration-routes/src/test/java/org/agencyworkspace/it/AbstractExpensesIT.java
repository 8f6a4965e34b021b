package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.agencyworkspace.expenses.TestInvoices;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.testsupport.BrowserSession;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Expense claims over the API on the embedded workspace, as the demo agency's people: alice
 * claims an e-invoice photo, erin claims the same invoice and is refused, carol may not look,
 * dave approves as supervisor and then as accounting through the approvals API (the claim moves
 * on the {@code approval.decided} event), records the payment and exports. Run on each database.
 */
abstract class AbstractExpensesIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where the application keeps its data (the demo agency's enrolment codes). */
    abstract Path dataDir();

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;

    @Test
    void aClaimIsCheckedForDuplicatesApprovedTwicePaidAndExported() throws Exception {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir());
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        BrowserSession erin = new BrowserSession("en");
        logins.signIn(erin, "erin");
        BrowserSession carol = new BrowserSession("en");
        logins.signIn(carol, "carol");
        BrowserSession dave = new BrowserSession("en");
        logins.signIn(dave, "dave");
        LocalDate day = LocalDate.now().minusDays(3);
        TestInvoices.Invoice invoice = new TestInvoices.Invoice("AB" + String.format("%08d",
                Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000)), day, 1280, "22099131");

        long claim = create(alice);
        HttpResponse<String> added = upload(alice, claim, TestInvoices.photo(0, invoice));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(added.body()).at("/claim/items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("invoiceNumber").asText()).isEqualTo(invoice.number());
        assertThat(items.get(0).get("amount").decimalValue()).isEqualByComparingTo("1280");
        HttpResponse<String> submitted = post(alice, "/api/expenses/" + claim + "/submit", "{}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        String supervisorApproval = JSON.readTree(submitted.body()).at("/claim/approvalId").asText();

        long other = create(erin);
        assertThat(upload(erin, other, TestInvoices.photo(17, invoice)).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post(erin, "/api/expenses/" + other + "/submit", "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode hit = JSON.readTree(refused.body()).get("duplicates").get(0);
        assertThat(hit.get("match").asText()).isEqualTo("SAME_INVOICE");
        assertThat(hit.has("earlierClaimant")).as("erin may not see alice's claim").isFalse();
        JsonNode seenByAccounting = JSON.readTree(dave.get(uri("/api/expenses/" + other)).body());
        assertThat(seenByAccounting.at("/duplicates/0/earlierClaimant").asText()).isEqualTo("alice");

        assertThat(carol.get(uri("/api/expenses/" + claim)).status()).isEqualTo(404);
        HttpResponse<String> bad = post(alice, "/api/expenses/" + create(alice) + "/items", """
                {"kind":"EINVOICE","issuedOn":"2099-01-01","amount":-1,"invoiceNumber":"x","seller":"12345678"}""");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(bad.body()).get("problems")).hasSizeGreaterThanOrEqualTo(4);

        BrowserSession.Page page = alice.get(uri("/expenses/" + claim));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select("#expense-status").text()).isEqualTo("Waiting for the supervisor");
        assertThat(page.html().select("#expense-items li")).hasSize(1);
        BrowserSession.Page erinsPage = erin.get(uri("/expenses/" + other));
        assertThat(erinsPage.html().select("#expense-duplicates li").text())
                .contains("Same invoice already claimed", "in a claim you may not see");
        assertThat(carol.get(uri("/expenses/" + claim)).status()).isEqualTo(404);
        BrowserSession.Page refusedOnPage = erin.submit(erinsPage, "#expense-submit", java.util.Map.of());
        assertThat(refusedOnPage.html().select("ul.alert li").text()).contains("same invoice");

        decide(dave, supervisorApproval);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(status(alice, claim)).isEqualTo("ACCOUNTING"));
        String accountingApproval = JSON.readTree(alice.get(uri("/api/expenses/" + claim)).body())
                .at("/claim/approvalId").asText();
        decide(dave, accountingApproval);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(status(alice, claim)).isEqualTo("APPROVED"));
        HttpResponse<String> paid = post(dave, "/api/expenses/" + claim + "/paid",
                "{\"paidOn\":\"" + LocalDate.now().minusDays(1) + "\"}");
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        assertThat(post(alice, "/api/expenses/" + claim + "/items",
                "{\"kind\":\"RECEIPT\",\"issuedOn\":\"" + day + "\",\"amount\":1,\"payeeName\":\"x\","
                        + "\"description\":\"y\"}").statusCode()).as("locked after payment").isEqualTo(409);

        YearMonth month = YearMonth.from(day);
        String csv = dave.get(uri("/api/expenses/export.csv?from=" + month + "&to=" + month)).body();
        assertThat(csv).contains(invoice.number()).contains("PAID");
        HttpResponse<byte[]> xlsx = dave.download(uri("/api/expenses/export.xlsx?from=" + month + "&to=" + month));
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith((byte) 'P', (byte) 'K');
        assertThat(alice.get(uri("/api/expenses/export.csv?from=" + month + "&to=" + month)).status())
                .isEqualTo(403);
        assertThat(audit.recent(new AuditQuery("alice", "expense.submit", null, 5))).isNotEmpty();
        assertThat(audit.recent(new AuditQuery("dave", "expense.pay", null, 5))).singleElement();
    }

    private long create(BrowserSession session) throws IOException {
        HttpResponse<String> created = post(session, "/api/expenses", """
                {"purpose":"出差 site visit","budgetCode":"B-2026-01","project":"Pilot",
                 "startsOn":"%s","endsOn":"%s"}""".formatted(LocalDate.now().minusDays(10), LocalDate.now()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).at("/claim/id").asLong();
    }

    private HttpResponse<String> upload(BrowserSession session, long claim, byte[] png) throws IOException {
        String boundary = "----expenses" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/expenses/" + claim + "/receipts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private void decide(BrowserSession session, String approval) {
        HttpResponse<String> decided = post(session, "/api/approvals/" + approval + "/decision", "{\"approve\":true}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    }

    private String status(BrowserSession session, long claim) throws IOException {
        return JSON.readTree(session.get(uri("/api/expenses/" + claim)).body()).at("/claim/status").asText();
    }

    private HttpResponse<String> post(BrowserSession session, String path, String json) {
        return session.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

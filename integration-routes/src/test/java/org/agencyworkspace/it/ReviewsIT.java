package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A review panel on the embedded workspace with a real SMTP server (GreenMail in this JVM): alice
 * sets up a review with five members (three outside experts), the invitations arrive by mail,
 * each guest accepts, signs in with the mailed code, is refused on every staff page and API
 * (audited), declares with a fresh code, reads the marked proposal, scores; alice opens the
 * sheets (the hand-worked averages), records the decision, exports the record, closes; the
 * guests' sessions end and they cannot sign in again.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewsIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LINK = Pattern.compile("/guest/invitation/([A-Za-z0-9_-]{43})");
    static final Pattern CODE = Pattern.compile("(\\d{6})");
    static final GuestMailbox MAIL = new GuestMailbox();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        MAIL.register(registry);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;
    @Autowired
    FileStore files;

    @Test
    void guestsAreInvitedByMailScoreAndLoseAccessWhenTheReviewCloses() throws Exception {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        files.createFolders(FilePath.of("/proposals"));
        files.write(FilePath.of("/proposals/甲公司.pdf"), new ByteArrayInputStream(GuestMailbox.blankPdf()), null);
        Instant meeting = Instant.now().plus(Duration.ofMinutes(30));
        String members = """
                [{"login":"erin"},{"email":"wang@university.test","name":"王教授","locale":"zh-TW"},
                 {"email":"lee@institute.test","name":"Dr. Lee","locale":"en"},{"login":"carol"},
                 {"email":"chen@consulting.test","name":"陳顧問"}]""";
        HttpResponse<String> created = post(alice, uri("/"), "/api/reviews", """
                {"caseNumber":"IT-%d","subject":"資訊系統委外","method":"TOTAL_SCORE","passMark":75,"level":"unmarked",
                 "meetingAt":"%s","closesAt":"%s","allowDownload":false,
                 "candidates":[{"name":"甲公司","materialPath":"/proposals/甲公司.pdf"},{"name":"乙公司"},{"name":"丙公司"}],
                 "criteria":[{"name":"技術能力","weight":60,"maxScore":100},{"name":"價格合理性","weight":40,"maxScore":10}],
                 "members":%s}""".formatted(System.nanoTime(), meeting, meeting.plus(Duration.ofHours(4)), members));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> opened = post(alice, uri("/"), "/api/reviews/" + id + "/open", "{}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);

        List<String> guests = List.of("wang@university.test", "lee@institute.test", "chen@consulting.test");
        List<BrowserSession> sessions = new ArrayList<>();
        int[][] sheets = {{75, 7, 85, 8, 60, 6}, {90, 9, 80, 7, 70, 7}, {85, 8, 80, 6, 75, 10}};
        for (int g = 0; g < guests.size(); g++) {
            String address = guests.get(g);
            String invitation = MAIL.body(address, 0);
            Matcher link = LINK.matcher(invitation);
            assertThat(link.find()).as(invitation).isTrue();
            BrowserSession guest = new BrowserSession(g == 1 ? "en" : "zh-TW");
            Page accept = guest.get(uri("/guest/invitation/" + link.group(1)));
            Page codePage = guest.submit(accept, "#guest-accept", Map.of());
            assertThat(codePage.uri().getPath()).isEqualTo("/guest/code");
            Matcher code = CODE.matcher(MAIL.subject(address, 1));
            assertThat(code.find()).isTrue();
            Page home = guest.submit(codePage, "#guest-code", Map.of("code", code.group(1)));
            assertThat(home.uri().getPath()).isEqualTo("/guest");
            assertThat(home.html().select("#guest-reviews li")).hasSize(1);
            sessions.add(guest);

            BrowserSession reused = new BrowserSession("en");
            Page again = reused.submit(reused.get(uri("/guest/invitation/" + link.group(1))), "#guest-accept", Map.of());
            assertThat(again.status()).as("the link works once").isEqualTo(410);

            // Fresh code for the declaration, then check in, read, score.
            assertThat(post(guest, uri("/guest"), "/api/guest/code", "{}").statusCode()).isEqualTo(202);
            Matcher fresh = CODE.matcher(MAIL.subject(address, 2));
            assertThat(fresh.find()).isTrue();
            HttpResponse<String> declared = post(guest, uri("/guest"), "/api/guest/reviews/" + id + "/declaration",
                    "{\"conflicts\":{\"1\":false,\"2\":false,\"3\":false},\"code\":\"" + fresh.group(1) + "\"}");
            assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
            assertThat(post(guest, uri("/guest"), "/api/guest/reviews/" + id + "/check-in",
                    "{\"mode\":\"REMOTE\"}").statusCode()).isEqualTo(200);
            HttpResponse<byte[]> proposal = guest.download(uri("/api/guest/reviews/" + id + "/candidates/1/proposal"));
            assertThat(proposal.statusCode()).isEqualTo(200);
            assertThat(proposal.headers().firstValue("Content-Disposition").orElse("")).startsWith("inline");
            try (PDDocument marked = Loader.loadPDF(proposal.body())) {
                // The mark runs diagonally: the text comes out a character or two a line.
                assertThat(new PDFTextStripper().getText(marked).replaceAll("\\s", ""))
                        .contains(g == 0 ? "王教授" : g == 1 ? "Dr.Lee" : "陳顧問");
            }
            assertThat(guest.download(uri("/api/guest/reviews/" + id + "/candidates/1/proposal?download=true"))
                    .statusCode()).as("no download unless allowed").isEqualTo(403);
            HttpResponse<String> outOfRange = put(guest, "/api/guest/reviews/" + id + "/sheet",
                    "{\"scores\":{\"1\":{\"1\":101,\"2\":5}}}");
            assertThat(outOfRange.statusCode()).isEqualTo(422);
            int[] s = sheets[g];
            HttpResponse<String> submitted = post(guest, uri("/guest"), "/api/guest/reviews/" + id + "/sheet/submit",
                    "{\"scores\":{\"1\":{\"1\":%d,\"2\":%d},\"2\":{\"1\":%d,\"2\":%d},\"3\":{\"1\":%d,\"2\":%d}}}"
                            .formatted(s[0], s[1], s[2], s[3], s[4], s[5]));
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        }

        BrowserSession wang = sessions.get(0);
        List<String> staffPaths = List.of("/files", "/api/files?path=/", "/approvals", "/api/approvals",
                "/admin/dead-letters", "/api/admin/dead-letters", "/attendance", "/api/attendance/today",
                "/expenses", "/api/expenses", "/meetings", "/api/meetings", "/reviews", "/api/reviews",
                "/api/member-reviews", "/");
        for (String path : staffPaths) {
            assertThat(wang.getNoFollow(uri(path)).status()).as(path).isEqualTo(403);
        }
        List<AuditEvent> refusals = audit.recent(new AuditQuery(null, "review.guest.staff-path", null, 500));
        assertThat(refusals).hasSizeGreaterThanOrEqualTo(staffPaths.size());

        // Opening: three guests present and submitted (A and D, staff, absent): quorum 3 of 5.
        HttpResponse<String> result = post(alice, uri("/"), "/api/reviews/" + id + "/scores/open", "{}");
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        JsonNode standings = JSON.readTree(result.body()).at("/result/standings");
        // A: 73, 90, 83 -> 82; B: 83, 76, 72 -> 77; C: 60, 70, 85 -> 71.6667 (below 75)
        assertThat(standings.get(0).get("candidate").asInt()).isEqualTo(1);
        assertThat(standings.get(0).get("averageScore").decimalValue()).isEqualByComparingTo("82");
        assertThat(standings.get(2).get("eligible").asBoolean()).isFalse();
        HttpResponse<String> decided = post(alice, uri("/"), "/api/reviews/" + id + "/decision",
                "{\"winner\":1,\"wording\":\"甲公司為最有利標。\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        String sha = JSON.readTree(decided.body()).get("recordSha256").asText();
        String csv = alice.get(uri("/api/reviews/" + id + "/record.csv")).body();
        assertThat(org.agencyworkspace.reviews.ReviewRecords.sha256(csv)).isEqualTo(sha);
        assertThat(alice.download(uri("/api/reviews/" + id + "/record.xlsx")).body()).startsWith((byte) 'P', (byte) 'K');
        assertThat(alice.download(uri("/api/reviews/" + id + "/record.pdf")).body()).startsWith((byte) '%', (byte) 'P');
        // members' own signatures: the officer's list and page, the frozen record, the member's sign form
        Page chair = alice.get(uri("/reviews/" + id));
        assertThat(chair.status()).isEqualTo(200);
        assertThat(chair.body()).contains("review-signatures", "not signed yet");
        assertThat(alice.get(uri("/api/reviews/" + id + "/record/signatures")).body())
                .contains("\"code\":\"B\"", "王教授").doesNotContain("signedAt", "finalAt");
        assertThat(alice.download(uri("/api/reviews/" + id + "/record.signed.pdf")).body())
                .startsWith((byte) '%', (byte) 'P');
        assertThat(wang.get(uri("/guest/reviews/" + id)).body()).contains("review-signature");

        assertThat(post(alice, uri("/"), "/api/reviews/" + id + "/close", "{}").statusCode()).isEqualTo(200);
        assertThat(wang.get(uri("/api/guest/reviews")).status()).as("session ended").isEqualTo(401);
        BrowserSession late = new BrowserSession("en");
        Page login = late.get(uri("/guest/login"));
        late.submit(login, "#guest-login", Map.of("email", "wang@university.test"));
        assertThat(audit.recent(new AuditQuery(null, "review.guest.after-close", null, 500)))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    HttpResponse<String> post(BrowserSession session, URI page, String path, String json) {
        return GuestMailbox.postJson(session, page, uri(path), json);
    }

    HttpResponse<String> put(BrowserSession session, String path, String json) {
        return session.sendWithCsrf(uri("/guest"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

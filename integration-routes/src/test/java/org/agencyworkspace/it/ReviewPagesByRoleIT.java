package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.BrowserSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A 密 (secret) review's pages and byte endpoints, tried by each role as a browser would,
 * after real sign-in: the officer who runs it (chair), a member of staff on the panel, a member
 * whose clearance is lowered after set-up, a colleague not on it, and an outside expert (guest).
 * Each gets what their role and clearance allow and nothing above: no proposal, record, result,
 * member's name or score leaves for anyone else.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewPagesByRoleIT {

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
    FileStore files;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eachRoleGetsWhatItsRoleAndClearanceAllowAndNothingAbove() throws Exception {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        files.createFolders(FilePath.of("/proposals"));
        files.write(FilePath.of("/proposals/role-甲.pdf"), new ByteArrayInputStream(GuestMailbox.blankPdf()), null);
        Instant meeting = Instant.now().plus(Duration.ofMinutes(30));
        // erin and bob are cleared for unmarked only: they cannot sit on a confidential review.
        HttpResponse<String> refused = post(alice, uri("/"), "/api/reviews", review("ROLE-0", meeting,
                "[{\"login\":\"erin\"},{\"login\":\"carol\"},{\"login\":\"dave\"},"
                        + "{\"email\":\"a@x.test\",\"name\":\"A\"},{\"email\":\"b@x.test\",\"name\":\"B\"}]"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("member 1: the clearance of erin does not reach secret");

        HttpResponse<String> created = post(alice, uri("/"), "/api/reviews", review("ROLE-1", meeting,
                "[{\"login\":\"carol\"},{\"login\":\"dave\"},{\"email\":\"wang@university.test\",\"name\":\"王教授\"},"
                        + "{\"email\":\"lee@institute.test\",\"name\":\"Dr. Lee\"},{\"email\":\"chen@consulting.test\",\"name\":\"陳顧問\"}]"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(post(alice, uri("/"), "/api/reviews/" + id + "/open", "{}").statusCode()).isEqualTo(200);

        // Chair (the officer running it): the panel with names; no scores or record before the sheets open.
        Page chairPage = alice.get(uri("/reviews/" + id));
        assertThat(chairPage.status()).isEqualTo(200);
        assertThat(chairPage.body()).contains("王教授", "Dr. Lee");
        assertBytesRefused(alice.download(uri("/api/reviews/" + id + "/record.pdf")), 409);
        assertBytesRefused(alice.download(uri("/api/reviews/" + id + "/record.csv")), 409);
        assertThat(alice.get(uri("/api/reviews/" + id + "/result")).status()).isEqualTo(409);
        assertBytesRefused(alice.download(uri("/api/reviews/" + id + "/record.signed.pdf")), 409);
        assertThat(alice.get(uri("/api/reviews/" + id + "/record/signatures")).status()).isEqualTo(409);

        // Member of staff (carol, cleared above it): her own page, no other member's name, nothing of the officer's.
        BrowserSession carol = new BrowserSession("en");
        logins.signIn(carol, "carol");
        Page member = carol.get(uri("/reviews/" + id + "/member"));
        assertThat(member.status()).isEqualTo(200);
        assertThat(member.body()).doesNotContain("王教授", "Dr. Lee", "陳顧問", "dave");
        assertThat(carol.get(uri("/reviews/" + id)).status()).isEqualTo(403);
        assertThat(carol.get(uri("/api/reviews/" + id)).status()).isEqualTo(403);
        assertBytesRefused(carol.download(uri("/api/reviews/" + id + "/record.pdf")), 403);
        assertThat(carol.get(uri("/api/member-reviews/" + id + "/result")).status()).isEqualTo(409);
        assertBytesRefused(carol.download(uri("/api/member-reviews/" + id + "/candidates/1/proposal")), 403);
        // the record members sign: not before the decision, and never the officer's view of who signed
        assertBytesRefused(carol.download(uri("/api/member-reviews/" + id + "/record.signed.pdf")), 409);
        assertThat(post(carol, uri("/reviews/" + id + "/member"), "/api/member-reviews/" + id + "/record/signature",
                "{\"passphrase\":\"x\"}").statusCode()).isEqualTo(409);
        assertBytesRefused(carol.download(uri("/api/reviews/" + id + "/record.signed.pdf")), 403);
        assertThat(carol.get(uri("/api/reviews/" + id + "/record/signatures")).status()).isEqualTo(403);

        // A colleague not on the panel (bob, unmarked): nothing at all.
        BrowserSession bob = new BrowserSession("en");
        logins.signIn(bob, "bob");
        assertThat(bob.get(uri("/reviews/" + id + "/member")).status()).isEqualTo(404);
        assertThat(bob.get(uri("/api/member-reviews/" + id)).status()).isEqualTo(404);
        assertThat(bob.get(uri("/reviews/" + id)).status()).isEqualTo(403);
        assertBytesRefused(bob.download(uri("/api/member-reviews/" + id + "/candidates/1/proposal")), 404);
        assertBytesRefused(bob.download(uri("/api/reviews/" + id + "/record.pdf")), 403);
        assertBytesRefused(bob.download(uri("/api/member-reviews/" + id + "/record.signed.pdf")), 404);
        assertThat(post(bob, uri("/reviews"), "/api/member-reviews/" + id + "/record/signature",
                "{\"passphrase\":\"x\"}").statusCode()).isEqualTo(404);
        assertBytesRefused(bob.download(uri("/api/reviews/" + id + "/record.signed.pdf")), 403);

        // A member whose clearance is lowered after set-up (dave): refused from then on.
        BrowserSession dave = new BrowserSession("en");
        logins.signIn(dave, "dave");
        assertThat(dave.get(uri("/reviews/" + id + "/member")).status()).isEqualTo(200);
        jdbc.sql("UPDATE local_account SET clearance = 'unmarked' WHERE username = 'dave'").update();
        assertThat(dave.get(uri("/reviews/" + id + "/member")).status()).isEqualTo(403);
        assertBytesRefused(dave.download(uri("/api/member-reviews/" + id + "/candidates/1/proposal")), 403);
        assertBytesRefused(dave.download(uri("/api/member-reviews/" + id + "/record.signed.pdf")), 403);
        assertThat(dave.get(uri("/api/member-reviews")).body()).doesNotContain(id);

        // Guest (an outside expert): their review and its proposal, marked; no staff page or byte.
        BrowserSession wang = new BrowserSession("zh-TW");
        Matcher link = LINK.matcher(MAIL.body("wang@university.test", 0));
        assertThat(link.find()).isTrue();
        Page codePage = wang.submit(wang.get(uri("/guest/invitation/" + link.group(1))), "#guest-accept", Map.of());
        Matcher code = CODE.matcher(MAIL.subject("wang@university.test", 1));
        assertThat(code.find()).isTrue();
        assertThat(wang.submit(codePage, "#guest-code", Map.of("code", code.group(1))).uri().getPath()).isEqualTo("/guest");
        Page guestPage = wang.get(uri("/guest/reviews/" + id));
        assertThat(guestPage.status()).isEqualTo(200);
        assertThat(guestPage.body()).doesNotContain("Dr. Lee", "陳顧問", "carol", "dave");
        assertThat(post(wang, uri("/guest"), "/api/guest/code", "{}").statusCode()).isEqualTo(202);
        Matcher fresh = CODE.matcher(MAIL.subject("wang@university.test", 2));
        assertThat(fresh.find()).isTrue();
        assertThat(post(wang, uri("/guest"), "/api/guest/reviews/" + id + "/declaration",
                "{\"conflicts\":{\"1\":false,\"2\":true},\"code\":\"" + fresh.group(1) + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> proposal = wang.download(uri("/api/guest/reviews/" + id + "/candidates/1/proposal"));
        assertThat(proposal.statusCode()).isEqualTo(200);
        assertThat(proposal.body()).startsWith((byte) '%', (byte) 'P');
        assertBytesRefused(wang.download(uri("/api/guest/reviews/" + id + "/candidates/2/proposal")), 403);
        assertBytesRefused(wang.download(uri("/api/guest/reviews/" + id + "/candidates/1/proposal?download=true")), 403);
        assertThat(wang.getNoFollow(uri("/reviews/" + id)).status()).isEqualTo(403);
        assertThat(wang.getNoFollow(uri("/api/reviews/" + id + "/record.pdf")).status()).isEqualTo(403);
        assertThat(wang.getNoFollow(uri("/api/reviews/" + id + "/record.signed.pdf")).status()).isEqualTo(403);
        assertThat(wang.getNoFollow(uri("/api/reviews/" + id + "/record/signatures")).status()).isEqualTo(403);
        assertBytesRefused(wang.download(uri("/api/guest/reviews/" + id + "/record.signed.pdf")), 409);
        assertThat(post(wang, uri("/guest"), "/api/guest/reviews/" + id + "/record/signature",
                "{\"passphrase\":\"guest passphrase\"}").statusCode()).isEqualTo(409);
        assertThat(wang.getNoFollow(uri("/api/member-reviews/" + id)).status()).isEqualTo(403);
        assertThat(wang.get(uri("/guest/reviews/RVNOSUCHREVIEW")).status()).isEqualTo(404);
    }

    static void assertBytesRefused(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).as("no document bytes with a refusal").doesNotStartWith("%PDF").doesNotStartWith("PK")
                .doesNotContain("section,item");
    }

    static String review(String caseNumber, Instant meeting, String members) {
        return """
                {"caseNumber":"%s-%d","subject":"機密採購評選","method":"TOTAL_SCORE","passMark":75,"level":"secret",
                 "meetingAt":"%s","closesAt":"%s","allowDownload":false,
                 "candidates":[{"name":"甲公司","materialPath":"/proposals/role-甲.pdf"},{"name":"乙公司","materialPath":"/proposals/role-甲.pdf"}],
                 "criteria":[{"name":"技術能力","weight":60,"maxScore":100},{"name":"價格合理性","weight":40,"maxScore":10}],
                 "members":%s}""".formatted(caseNumber, System.nanoTime(), meeting, meeting.plus(Duration.ofHours(4)), members);
    }

    HttpResponse<String> post(BrowserSession session, URI page, String path, String json) {
        return GuestMailbox.postJson(session, page, uri(path), json);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

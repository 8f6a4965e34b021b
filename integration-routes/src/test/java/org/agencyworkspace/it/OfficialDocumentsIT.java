package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.platform.messaging.InboxMessages;
import org.awaitility.Awaitility;
import org.agencyworkspace.connector.signing.SignatureFinding;
import org.agencyworkspace.connector.signing.ValidationReport;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.agencyworkspace.officialdocs.flow.OfficialDocuments;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 簽辦 flow on the embedded workspace as four people use it: alice drafts a letter (函) with an
 * attachment from Files, dave reviews (核稿), carol co-signs for the ethics office (會辦), bob decides
 * (決行) as the agency head; each signs with a certificate the running agency CA issued, after a
 * fresh code, over the bytes they read. The final PDF carries the three signatures in order and
 * validates (DSS, and poppler's pdfsig where installed). Every refusal on the way is a 4xx,
 * audited, with nothing signed; nothing above a person's clearance leaves the byte endpoints.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OfficialDocumentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSPHRASE = "簽核密語 long enough";
    /** Fixed before start: the CA writes its CRL address, which signing fetches, into certificates. */
    private static final int PORT = freePort();

    @TempDir
    static Path base;

    @Autowired
    AuditTrail audit;
    @Autowired
    SigningSetup setup;
    @Autowired
    OfficialDocuments documents;
    @Autowired
    FileUploads uploads;
    @Autowired
    List<ChatCommand> commands;
    @Autowired
    InboxMessages inbox;

    /** Signed in, stepped up and given certificates once for the class. */
    private static Map<String, BrowserSession> people;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        AbstractWorkspaceIT.workspaceFolders(registry, base);
        registry.add("server.port", () -> PORT);
        registry.add("workspace.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("workspace.signing.ca-passphrase", () -> "ca passphrase for the document flow test");
        registry.add("workspace.security.step-up.max-age", () -> "30m");
    }

    @BeforeEach
    void everyoneSignedInWithACertificate() throws Exception {
        if (people != null) {
            return;
        }
        LocalLogins logins = new LocalLogins(uri("/"), AbstractWorkspaceIT.PASSWORD, base.resolve("data"));
        Map<String, BrowserSession> signedIn = new java.util.LinkedHashMap<>();
        for (String login : List.of("alice", "bob", "carol", "dave", "erin")) {
            BrowserSession session = new BrowserSession(login.equals("carol") ? "zh-TW" : "en");
            logins.signIn(session, login);
            signedIn.put(login, session);
        }
        // erin stays without a step-up: signing without one is refused
        for (String login : List.of("bob", "carol", "dave", "alice")) {
            BrowserSession session = signedIn.get(login);
            Page code = session.get(uri("/official-documents/verify"));
            assertThat(code.uri().getPath()).isEqualTo("/step-up/totp");
            Page back = session.submit(code, "#step-up-form", Map.of("code", logins.nextCode(login)));
            assertThat(back.uri().getPath()).isEqualTo("/official-documents");
            Page issued = session.submit(back, "#docs-certificate-form", Map.of("passphrase", PASSPHRASE));
            assertThat(issued.html().select("#docs-certificate").text()).as(login).isNotEmpty();
        }
        people = signedIn;
    }

    @Test
    void fourPeopleDraftReviewCoSignAndDecideAndTheFinalPdfValidatesWithEverySignatureInOrder() throws Exception {
        uploads.store(FilePath.of("/shared/plan.txt"), new ByteArrayInputStream("計畫書 plan".getBytes(StandardCharsets.UTF_8)),
                null, user("alice", "secret"));
        HttpResponse<String> drafted = post("alice", "/api/official-documents", Map.of("kind", "LETTER",
                "level", "unmarked", "urgency", "URGENT", "subject", "函請協助資安稽核", "body", "一、說明第一點。\n二、說明第二點。",
                "recipients", "資通安全署", "coSign", List.of("security"), "attachments", List.of("/shared/plan.txt")));
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        assertThat(drafted.headers().firstValue("Location")).isPresent();
        JsonNode document = JSON.readTree(drafted.body());
        long id = document.get("id").asLong();
        assertThat(document.get("attachments").get(0).get("name").asText()).isEqualTo("plan.txt");
        assertThat(post("alice", "/api/official-documents/" + id + "/submit", Map.of()).statusCode()).isEqualTo(200);

        String draftSha = read("dave", id).get("pdfSha256").asText();
        // a step not theirs: the drafter is refused; carol, with no part yet, does not even see it
        assertRefused(post("alice", "/api/official-documents/" + id + "/sign", sign(draftSha)), 403, "NOT_YOUR_STEP");
        assertRefused(post("carol", "/api/official-documents/" + id + "/sign", sign(draftSha)), 404, "NOT_FOUND");
        assertRefused(post("dave", "/api/official-documents/" + id + "/sign",
                Map.of("passphrase", "not the passphrase", "seenSha256", draftSha)), 401, "WRONG_PASSPHRASE");
        assertRefused(post("dave", "/api/official-documents/" + id + "/sign", sign("0".repeat(64))), 409,
                "DOCUMENT_CHANGED");
        assertThat(read("dave", id).get("pdfSha256").asText()).as("nothing signed").isEqualTo(draftSha);

        JsonNode reviewed = JSON.readTree(ok(post("dave", "/api/official-documents/" + id + "/sign", sign(draftSha))));
        assertThat(reviewed.get("status").asText()).isEqualTo("CO_SIGN");
        String reviewedSha = reviewed.get("pdfSha256").asText();
        // carol's queue: on her page (zh-TW), from chat, and a notice in her inbox
        Page queue = people.get("carol").get(uri("/official-documents"));
        assertThat(queue.html().select("#docs-queue li[data-id=" + id + "]").text()).contains("速件", "會辦");
        String number = reviewed.get("number").asText();
        CommandResult fromChat = commands.stream().filter(command -> command.name().equals("docs")).findFirst()
                .orElseThrow().handle(new CommandContext("carol", "@carol:agency.test", "!room", "$event", List.of(), "",
                        Locale.TRADITIONAL_CHINESE));
        assertThat(fromChat.text()).contains(number, "會辦", "/official-documents/" + id);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> inbox.forUser("carol", 20).stream()
                .anyMatch(item -> item.body().contains(number)));
        // the bytes dave signed are not the ones carol is sent back to: a stale hash is refused
        assertRefused(post("carol", "/api/official-documents/" + id + "/sign", sign(draftSha)), 409, "DOCUMENT_CHANGED");
        JsonNode coSigned = JSON.readTree(ok(post("carol", "/api/official-documents/" + id + "/sign", sign(reviewedSha))));
        assertThat(coSigned.get("status").asText()).isEqualTo("DECISION");
        // changed between review and approval: the decision refuses the bytes seen at review
        assertRefused(post("bob", "/api/official-documents/" + id + "/sign", sign(reviewedSha)), 409, "DOCUMENT_CHANGED");
        JsonNode approved = JSON.readTree(ok(post("bob", "/api/official-documents/" + id + "/sign",
                sign(coSigned.get("pdfSha256").asText()))));
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");

        OfficialDocuments.FinalDocument finalDocument = documents.finalDocument(id);
        assertThat(finalDocument.number()).isEqualTo(approved.get("number").asText());
        assertThat(new String(finalDocument.attachments().get(0).content(), StandardCharsets.UTF_8)).isEqualTo("計畫書 plan");
        ValidationReport report = setup.validator().orElseThrow().validate(finalDocument.pdf());
        assertThat(report.allValid()).as(report.inPlainWords(java.time.ZoneId.of("Asia/Taipei"))).isTrue();
        assertThat(report.signatures()).extracting(SignatureFinding::step)
                .containsExactly("核稿 review", "會辦 co-sign", "決行 decision");
        assertThat(report.signatures()).extracting(SignatureFinding::signer).containsExactly("李建宏", "張淑芬", "林志明");
        pdfsigFindsValid(finalDocument.pdf(), 3);

        // the PDF endpoint serves the signed original of an unmarked document, unchanged
        HttpResponse<byte[]> original = people.get("alice").download(uri("/api/official-documents/" + id + "/pdf"));
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(finalDocument.pdf());
        assertThat(people.get("erin").download(uri("/api/official-documents/" + id + "/pdf")).statusCode())
                .as("no part in it").isEqualTo(404);

        HttpResponse<byte[]> csv = people.get("bob").download(uri("/api/official-documents/register.csv"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("\uFEFFnumber,kind,level")
                .contains(finalDocument.number() + ",函,無密等,速件,函請協助資安稽核,alice");
        HttpResponse<byte[]> xlsx = people.get("bob").download(uri("/api/official-documents/register.xlsx"));
        assertThat(xlsx.body()).startsWith(new byte[] {'P', 'K'});
        assertThat(people.get("erin").download(uri("/api/official-documents/register.csv")).statusCode()).isEqualTo(403);

        assertThat(audit.recent(new AuditQuery("bob", "official-document.approve", null, 5))).isNotEmpty();
        assertThat(audit.recent(new AuditQuery("dave", "official-document.sign", null, 20)))
                .filteredOn(event -> event.outcome() == AuditEvent.Outcome.FAILURE).extracting(AuditEvent::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("WRONG_PASSPHRASE"))
                .anySatisfy(reason -> assertThat(reason).startsWith("DOCUMENT_CHANGED"));
    }

    @Test
    void aRevokedCertificateAMissingStepUpAndAnAttachmentAboveClearanceAreRefusedAndAReturnKeepsTheHistory()
            throws Exception {
        uploads.store(FilePath.of("/shared/secret-plan.txt"), new ByteArrayInputStream("密 plan".getBytes(StandardCharsets.UTF_8)),
                new LabelRequest("secret", "test", null, null, "when the test ends", false, List.of(), List.of()),
                user("alice", "secret"));
        assertRefused(post("bob", "/api/official-documents", letter("unmarked", List.of("/shared/secret-plan.txt"))),
                403, "ABOVE_CLEARANCE");
        assertRefused(post("alice", "/api/official-documents", letter("unmarked", List.of("/shared/secret-plan.txt"))),
                403, "ABOVE_CLEARANCE");
        assertThat(audit.recent(new AuditQuery("bob", "official-document.create", null, 5)))
                .extracting(AuditEvent::reason).anySatisfy(reason -> assertThat(reason).startsWith("ABOVE_CLEARANCE"));

        HttpResponse<String> unprintable = post("alice", "/api/official-documents", Map.of("kind", "SIGN",
                "level", "unmarked", "urgency", "NORMAL", "subject", "表情 \uD83D\uDE00", "body", "說明"));
        assertRefused(unprintable, 422, "INVALID");
        assertThat(unprintable.body()).contains("U+1F600");
        long id = JSON.readTree(ok(post("alice", "/api/official-documents", letter("unmarked", List.of())))).get("id").asLong();
        ok(post("alice", "/api/official-documents/" + id + "/submit", Map.of()));
        JsonNode reviewed = JSON.readTree(ok(post("dave", "/api/official-documents/" + id + "/sign",
                sign(read("dave", id).get("pdfSha256").asText()))));
        String sha = reviewed.get("pdfSha256").asText();

        String serial = JSON.readTree(people.get("carol").send(HttpRequest.newBuilder(uri("/api/official-documents/certificate"))
                .header("Accept", "application/json").GET(), uri("/")).body()).get("serial").asText();
        HttpResponse<String> revoked = people.get("bob").sendWithCsrf(uri("/"), HttpRequest.newBuilder(
                uri("/api/admin/signing/revocations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"serial\":\"" + serial + "\",\"reason\":\"KEY_COMPROMISE\"}")));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertRefused(post("carol", "/api/official-documents/" + id + "/sign", sign(sha)), 403, "CERTIFICATE_UNUSABLE");
        assertThat(read("alice", id).get("pdfSha256").asText()).as("nothing signed").isEqualTo(sha);
        // an expired certificate in custody is refused the same way
        Instant now = Instant.now();
        KeyCustody custody = new KeyCustody(new DirectoryCustodyStore(base.resolve("data").resolve("signing").resolve("custody")),
                new LockoutPolicy(5, Duration.ofMinutes(15)), new CertificateChecks(List.of(setup.authority().orElseThrow()
                        .certificate()), Clock.systemUTC()), Clock.systemUTC());
        custody.deposit("carol", setup.authority().orElseThrow().ca().issue(new CertificateHolder("張淑芬", "", "security",
                "carol"), PASSPHRASE.toCharArray(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));
        HttpResponse<String> expired = post("carol", "/api/official-documents/" + id + "/sign", sign(sha));
        assertRefused(expired, 403, "CERTIFICATE_UNUSABLE");
        assertThat(expired.body()).contains("expired");
        // a new certificate replaces the revoked one (the other tests have carol co-sign)
        String renewed = JSON.readTree(ok(post("carol", "/api/official-documents/certificate",
                Map.of("passphrase", PASSPHRASE)))).get("serial").asText();
        assertThat(renewed).isNotEqualTo(serial);

        HttpResponse<String> returned = post("carol", "/api/official-documents/" + id + "/return",
                Map.of("reason", "請補充預算來源"));
        assertThat(JSON.readTree(ok(returned)).get("status").asText()).isEqualTo("RETURNED");
        JsonNode history = read("alice", id).get("steps");
        assertThat(history).extracting(step -> step.get("step").asText() + ":" + step.get("status").asText())
                .containsExactly("REVIEW:SIGNED", "CO_SIGN:RETURNED");
        assertRefused(post("dave", "/api/official-documents/" + id + "/sign", sign(sha)), 403, "NOT_YOUR_STEP");
        ok(post("alice", "/api/official-documents/" + id + "/submit", Map.of()));
        assertThat(read("alice", id).get("round").asInt()).isEqualTo(2);

        // erin has no step-up: refused before anything else is asked of her key
        long erins = JSON.readTree(ok(post("alice", "/api/official-documents", Map.of("kind", "SIGN", "level", "unmarked",
                "urgency", "NORMAL", "subject", "人事簽", "body", "內容", "coSign", List.of("personnel"))))).get("id").asLong();
        ok(post("alice", "/api/official-documents/" + erins + "/submit", Map.of()));
        JsonNode erinsReviewed = JSON.readTree(ok(post("dave", "/api/official-documents/" + erins + "/sign",
                sign(read("dave", erins).get("pdfSha256").asText()))));
        HttpResponse<String> notSteppedUp = post("erin", "/api/official-documents/" + erins + "/sign",
                sign(erinsReviewed.get("pdfSha256").asText()));
        // the workspace's step-up rule answers: re-authenticate first (a code, here); nothing signed
        assertThat(notSteppedUp.statusCode()).as(notSteppedUp.body()).isEqualTo(302);
        assertThat(notSteppedUp.headers().firstValue("Location").orElseThrow()).endsWith("/step-up/totp");
        assertThat(read("alice", erins).get("pdfSha256").asText()).isEqualTo(erinsReviewed.get("pdfSha256").asText());
        assertThat(audit.recent(new AuditQuery("erin", "official-document.sign", null, 5))).extracting(AuditEvent::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("STEP_UP_REQUIRED"));
    }

    /** A 密 memo: nothing of it leaves to anyone below its level or without a part in it. */
    @Test
    void nothingOfASecretDocumentLeavesToAnyRoleBelowItsLevelOrWithoutAPart() throws Exception {
        long id = JSON.readTree(ok(post("alice", "/api/official-documents", Map.of("kind", "SIGN", "level", "secret",
                "urgency", "MOST_URGENT", "subject", "機密採購案簽", "body", "密件內容")))).get("id").asLong();
        ok(post("alice", "/api/official-documents/" + id + "/submit", Map.of()));
        for (String login : List.of("bob", "carol", "erin")) {
            BrowserSession who = people.get(login);
            assertThat(who.send(HttpRequest.newBuilder(uri("/api/official-documents/" + id)).header("Accept",
                    "application/json").GET(), uri("/")).statusCode()).as(login).isEqualTo(404);
            HttpResponse<byte[]> pdf = who.download(uri("/api/official-documents/" + id + "/pdf"));
            assertThat(pdf.statusCode()).as(login).isEqualTo(404);
            assertThat(new String(pdf.body(), StandardCharsets.UTF_8)).doesNotContain("機密採購案簽");
            assertThat(who.send(HttpRequest.newBuilder(uri("/api/official-documents")).header("Accept",
                    "application/json").GET(), uri("/")).body()).as(login).doesNotContain("機密採購案簽");
        }
        // bob keeps the register but is not cleared for 密: the line is there, its subject is not
        String register = new String(people.get("bob").download(uri("/api/official-documents/register.csv")).body(),
                StandardCharsets.UTF_8);
        assertThat(register).contains("（密件）").doesNotContain("機密採購案簽");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new ByteArrayInputStream(
                people.get("bob").download(uri("/api/official-documents/register.xlsx")).body()))) {
            StringBuilder cells = new StringBuilder();
            book.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell.getStringCellValue()).append('|')));
            assertThat(cells.toString()).contains("（密件）").doesNotContain("機密採購案簽");
        }
        // the reviewer reads it only as a watermarked copy through Files; the original is not served
        HttpResponse<byte[]> redirect = people.get("dave").download(uri("/api/official-documents/" + id + "/pdf"));
        assertThat(redirect.statusCode()).isEqualTo(303);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/files/content");
        HttpResponse<byte[]> copy = people.get("dave").download(uri(location));
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(copy.body()))).as("a marked copy, never the original")
                .isNotEqualTo(read("dave", id).get("pdfSha256").asText());
        HttpResponse<byte[]> asBob = people.get("bob").download(uri(location));
        assertThat(asBob.statusCode()).as("Files refuses bob: below 密").isIn(403, 404);

        JsonNode signed = JSON.readTree(ok(post("dave", "/api/official-documents/" + id + "/sign",
                sign(read("dave", id).get("pdfSha256").asText()))));
        assertThat(signed.get("status").asText()).isEqualTo("DECISION");
        // the decision on the page, as on a phone: the form carries the hash of the version shown
        Page page = people.get("dave").get(uri("/official-documents/" + id));
        assertThat(page.html().select("#docs-sha").text()).isEqualTo(signed.get("pdfSha256").asText());
        Page decided = people.get("dave").submit(page, "#docs-sign-form", Map.of("passphrase", PASSPHRASE));
        assertThat(decided.html().select("#docs-status").text()).isEqualTo("Approved");
        assertThat(decided.html().select("#docs-steps tr[data-status=SIGNED]")).hasSize(2);
        // the signed original is never watermarked: it still validates
        assertThat(setup.validator().orElseThrow().validate(documents.finalDocument(id).pdf()).allValid()).isTrue();
    }

    private static Map<String, Object> letter(String level, List<String> attachments) {
        return Map.of("kind", "LETTER", "level", level, "urgency", "NORMAL", "subject", "函稿", "body", "說明",
                "recipients", "某機關", "coSign", List.of("security"), "attachments", attachments);
    }

    private static Map<String, String> sign(String sha) {
        return Map.of("passphrase", PASSPHRASE, "seenSha256", sha);
    }

    private JsonNode read(String login, long id) throws IOException {
        HttpResponse<String> answer = people.get(login).send(HttpRequest.newBuilder(uri("/api/official-documents/" + id))
                .header("Accept", "application/json").GET(), uri("/"));
        return JSON.readTree(ok(answer));
    }

    private HttpResponse<String> post(String login, String path, Object body) throws IOException {
        return people.get(login).sendWithCsrf(uri("/official-documents"), HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static String ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return answer.body();
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String reason) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).get("reason").asText()).isEqualTo(reason);
    }

    private static void pdfsigFindsValid(byte[] pdf, int signatures) throws Exception {
        Path file = base.resolve("final.pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(signatures + 1);
        assertThat(output).contains("Total document signed");
    }

    private static WorkspaceUser user(String login, String clearance) {
        return new WorkspaceUser(login, login, List.of("staff"), List.of("general-affairs"), clearance);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

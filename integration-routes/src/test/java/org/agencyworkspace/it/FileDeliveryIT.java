package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.agencyworkspace.connector.documents.Fingerprint;
import org.agencyworkspace.connector.documents.FingerprintReader;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A labelled file on the embedded workspace, over HTTP, with the real watermark engine: refused
 * to someone below its level (audited), and to someone cleared sent only after a step-up, as a
 * marked PDF whose every page carries the banner and the viewer, whose fingerprint leads back to
 * one numbered copy in the register.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FileDeliveryIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final WorkspaceUser ALICE = new WorkspaceUser("alice", "Alice Chen",
            List.of("staff"), List.of("general-affairs"), "secret");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;
    /** Kept across tests: the context (and so each person's enrolled authenticator) is shared. */
    static LocalLogins logins;
    @Autowired
    FileUploads uploads;
    @Autowired
    CopyRegister register;
    @Autowired
    AuditTrail audit;

    @Test
    void aSecretFileIsRefusedBelowItsLevelAndOtherwiseLeavesOnlyMarkedAfterAStepUp() throws IOException {
        String path = "/總務處/採購名冊.pdf";
        uploads.store(FilePath.of(path), new ByteArrayInputStream(pdf(3)),
                new LabelRequest("secret", "vendor prices", null, null, "決標公告後解密", false,
                        null, null), ALICE);
        URI content = uri("/files/content?kind=download&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));

        BrowserSession bob = new BrowserSession("en");
        logins.signIn(bob, "bob");
        Page refused = bob.get(content);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html().select("#refusal-detail").text())
                .isEqualTo("clearance unmarked is below 密 (secret)");
        assertThat(audit.recent(new AuditQuery("bob", "file.download", null, 5))).singleElement()
                .satisfies(event -> assertThat(event.target().classification()).isEqualTo("secret"));

        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        Page listing = alice.get(uri("/files?path=" + URLEncoder.encode("/總務處", StandardCharsets.UTF_8)));
        assertThat(listing.html().select("tr[data-path='" + path + "']").attr("data-level")).isEqualTo("secret");
        Page askForCode = alice.get(content);
        assertThat(askForCode.uri().getPath()).isEqualTo("/step-up/totp");
        Page back = alice.submitNoFollow(askForCode, "#step-up-form", Map.of("code", logins.nextCode("alice")));
        URI returnTo = askForCode.uri().resolve(BrowserSession.header(back, "Location"));
        assertThat(returnTo.getPath()).isEqualTo("/files/content");

        HttpResponse<byte[]> copy = alice.download(returnTo);
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(copy.headers().firstValue("X-Workspace-Copy")).hasValue("1");
        try (PDDocument marked = Loader.loadPDF(copy.body())) {
            assertThat(marked.getNumberOfPages()).isEqualTo(3);
            for (int page = 1; page <= 3; page++) {
                PDFTextStripper text = new PDFTextStripper();
                text.setStartPage(page);
                text.setEndPage(page);
                String onPage = text.getText(marked);
                assertThat(onPage).contains("密 SECRET", "COPY 1");
                // The diagonal mark's letters are placed one by one, so compare without spaces.
                assertThat(onPage.replaceAll("\\s", "")).contains("AliceChen(alice)");
            }
        }
        Fingerprint fingerprint = new FingerprintReader().read(new ByteArrayInputStream(copy.body()));
        String deliveryId = fingerprint.fromMetadata().orElseThrow();
        assertThat(register.find(deliveryId)).hasValueSatisfying(entry -> {
            assertThat(entry.recipient()).isEqualTo("alice");
            assertThat(entry.copyNumber()).isEqualTo(1);
            assertThat(entry.path()).isEqualTo(path);
            assertThat(entry.level()).isEqualTo("secret");
        });
        assertThat(audit.recent(new AuditQuery("alice", "file.download", null, 5))).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("delivery", deliveryId));

        // An administrator traces the leaked copy back to Alice.
        HttpResponse<String> trace = bob.sendWithCsrf(uri("/"),
                HttpRequest.newBuilder(uri("/api/admin/files/trace"))
                        .header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(copy.body())));
        assertThat(trace.statusCode()).as(trace.body()).isEqualTo(200);
        JsonNode traced = new ObjectMapper().readTree(trace.body());
        assertThat(traced.at("/copies/0/recipient").asText()).isEqualTo("alice");
        assertThat(traced.at("/copies/0/copyNumber").asInt()).isEqualTo(1);
    }

    @Test
    void aFolderLeavesAsOneMarkedBundleAndAThumbnailOnlyAsAPictureOfAMarkedCopy() throws IOException {
        uploads.store(FilePath.of("/法制室/公告.pdf"), new ByteArrayInputStream(pdf(2)),
                null, ALICE);
        uploads.store(FilePath.of("/法制室/草案/條文.pdf"), new ByteArrayInputStream(pdf(1)),
                new LabelRequest("secret", "draft bill", null, null, "送立法院後解密", false, null,
                        null), ALICE);
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        URI bundle = uri("/files/bundle?path=" + URLEncoder.encode("/法制室", StandardCharsets.UTF_8));

        Page askForCode = alice.get(bundle);
        assertThat(askForCode.uri().getPath()).isEqualTo("/step-up/totp");
        Page back = alice.submitNoFollow(askForCode, "#step-up-form", Map.of("code", logins.nextCode("alice")));
        HttpResponse<byte[]> exported = alice.download(askForCode.uri().resolve(BrowserSession.header(back, "Location")));

        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument marked = Loader.loadPDF(exported.body())) {
            // The manifest, then the ordinary file's two pages and the secret file's one.
            assertThat(marked.getNumberOfPages()).isEqualTo(4);
            assertThat(textOf(marked, 1)).contains("Bundle manifest", "公告.pdf", "草案/條文.pdf",
                    "密 SECRET", "COPY 1");
            assertThat(textOf(marked, 2)).contains("無密等 UNMARKED", "Vendor price list, page 1");
            assertThat(textOf(marked, 4)).contains("密 SECRET", "Vendor price list, page 1");
            for (int page = 1; page <= 4; page++) {
                assertThat(textOf(marked, page).replaceAll("\\s", "")).contains("AliceChen(alice)");
            }
        }
        String deliveryId = new FingerprintReader().read(new ByteArrayInputStream(exported.body()))
                .fromMetadata().orElseThrow();
        assertThat(register.find(deliveryId)).hasValueSatisfying(entry -> {
            assertThat(entry.kind()).isEqualTo("BUNDLE");
            assertThat(entry.path()).isEqualTo("/法制室");
            assertThat(entry.level()).isEqualTo("secret");
        });

        // Still within the step-up's window: the thumbnail is drawn from a marked copy.
        HttpResponse<byte[]> thumbnail = alice.download(uri("/files/content?kind=thumbnail&path="
                + URLEncoder.encode("/法制室/草案/條文.pdf", StandardCharsets.UTF_8)));
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(picture.getWidth()).isLessThanOrEqualTo(320);
        assertThat(picture.getHeight()).isLessThanOrEqualTo(480);
        assertThat(audit.recent(new AuditQuery("alice", "file.thumbnail", null, 5))).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("copy", "1"));
    }

    @Test
    void aFileThatCannotBeMarkedIsNotHandedOut() throws IOException {
        String path = "/總務處/壞檔.pdf";
        byte[] truncated = Arrays.copyOf(pdf(2), 300);
        uploads.store(FilePath.of(path), new ByteArrayInputStream(truncated),
                new LabelRequest("secret", "draft", null, null, "公布後解密", false, null, null), ALICE);
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        URI content = uri("/files/content?kind=preview&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        Page askForCode = alice.get(content);
        Page back = alice.submitNoFollow(askForCode, "#step-up-form", Map.of("code", logins.nextCode("alice")));

        HttpResponse<byte[]> answer = alice.download(askForCode.uri().resolve(BrowserSession.header(back, "Location")));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("%PDF")
                .contains("cannot be watermarked");
    }

    @Test
    void anUploadedScriptIsNeverShownInlineAndEveryFileResponseIsSandboxed() {
        // An unlabelled SVG with a script: shown inline from the workspace's origin it would run.
        String svg = "/公開/logo.svg";
        uploads.store(FilePath.of(svg), new ByteArrayInputStream(("<svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<script>fetch('/api/me')</script></svg>").getBytes(StandardCharsets.UTF_8)), null, ALICE);
        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");

        for (String kind : List.of("preview", "download")) {
            HttpResponse<byte[]> answer = alice.download(uri("/files/content?kind=" + kind + "&path="
                    + URLEncoder.encode(svg, StandardCharsets.UTF_8)));
            assertThat(answer.statusCode()).as(kind).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Disposition")).as(kind)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(kind).hasValue("nosniff");
            assertThat(answer.headers().allValues("Content-Security-Policy")).as(kind)
                    .containsExactly("sandbox");
        }
    }

    @Test
    void someoneBelowAFilesLevelSeesNeitherItsNameNorItsLabel() {
        uploads.store(FilePath.of("/名單/秘密名冊.pdf"), new ByteArrayInputStream(new byte[] {1}),
                new LabelRequest("secret", "人事考核資料", null, null, "考核結束後解密", false, null,
                        null), ALICE);
        uploads.store(FilePath.of("/名單/公開.txt"), new ByteArrayInputStream(new byte[] {1}), null,
                ALICE);
        String folder = URLEncoder.encode("/名單", StandardCharsets.UTF_8);
        BrowserSession bob = new BrowserSession("en");
        logins.signIn(bob, "bob");

        Page api = bob.get(uri("/api/files?path=" + folder));
        Page page = bob.get(uri("/files?path=" + folder));

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).contains("公開.txt", "\"restricted\":true")
                .doesNotContain("秘密名冊", "人事考核資料", "alice");
        assertThat(page.body()).contains("公開.txt", "A restricted item")
                .doesNotContain("秘密名冊", "人事考核資料");
        assertThat(bob.get(uri("/api/files/entry?path=" + URLEncoder.encode("/名單/秘密名冊.pdf",
                StandardCharsets.UTF_8))).status()).isEqualTo(403);

        BrowserSession alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
        assertThat(alice.get(uri("/api/files?path=" + folder)).body())
                .contains("秘密名冊", "人事考核資料");
    }

    @Test
    void aTraversingOrControlCharacterPathIsRefusedClearlyAndAudited() {
        BrowserSession erin = new BrowserSession("en");
        logins.signIn(erin, "erin");
        for (String path : List.of("/總務處/../../etc/passwd", "/總務處/a\u0007b.pdf")) {
            HttpResponse<byte[]> answer = erin.download(uri("/files/content?kind=download&path="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8)));
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(body).as(path).doesNotContain("Exception", "at org.");
        }
        assertThat(audit.recent(new AuditQuery("erin", "request.invalid", null, 5)))
                .hasSize(2).allSatisfy(event -> assertThat(event.outcome())
                        .isEqualTo(AuditEvent.Outcome.FAILURE));

        // An administrator finds them on the audit page (from the database: no Elasticsearch here).
        BrowserSession bob = new BrowserSession("en");
        logins.signIn(bob, "bob");
        Page found = bob.get(uri("/admin/audit?user=erin&action=request.invalid"));
        assertThat(found.html().select("#audit-events tbody tr")).hasSize(2)
                .allSatisfy(row -> assertThat(row.text()).contains("request.invalid", "failure"));
        assertThat(bob.get(uri("/admin/audit?label=secret")).html().select("#audit-error").text())
                .contains("without Elasticsearch");
    }

    @BeforeEach
    void logins() {
        if (logins == null) {
            logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        }
    }

    /** The text of one page (1-based). */
    static String textOf(PDDocument document, int page) throws IOException {
        PDFTextStripper text = new PDFTextStripper();
        text.setStartPage(page);
        text.setEndPage(page);
        return text.getText(document);
    }

    /** A text PDF of {@code pages} pages, each saying which it is. */
    static byte[] pdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    text.showText("Vendor price list, page " + i);
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

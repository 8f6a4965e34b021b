package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.IssuedCertificate;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.PadesLevel;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureBlock;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.officialdocs.SigningSetup;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.testsupport.BrowserSession;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workspace as the agency CA on the embedded defaults: it publishes its CRL and certificate
 * over HTTP to anyone, a signature made with a certificate it issued validates through the API
 * (fetching that CRL from the running workspace), a revocation by an administrator reaches the
 * CRL and stops further signing, and validation is audited.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SigningIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSPHRASE = "簽核密語 2026".toCharArray();
    /** The port is fixed before start: the CA writes its CRL address into every certificate. */
    private static final int PORT = freePort();

    @TempDir
    static Path base;

    @Autowired
    SigningSetup setup;

    @Autowired
    AuditTrail audit;

    private final HttpClient anonymous = HttpClient.newHttpClient();
    /** Signed in once for the class: a second enrolment of the same person is refused. */
    private static BrowserSession bob;
    private static BrowserSession alice;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        AbstractWorkspaceIT.workspaceFolders(registry, base);
        registry.add("server.port", () -> PORT);
        registry.add("workspace.public-url", () -> "http://127.0.0.1:" + PORT);
        registry.add("workspace.signing.ca-passphrase", () -> "ca passphrase for the test");
        registry.add("workspace.signing.agency", () -> "測試機關");
    }

    @BeforeEach
    void signIn() {
        if (bob != null) {
            return;
        }
        LocalLogins logins = new LocalLogins(uri("/"), AbstractWorkspaceIT.PASSWORD, base.resolve("data"));
        bob = new BrowserSession("en");
        logins.signIn(bob, "bob");
        alice = new BrowserSession("en");
        logins.signIn(alice, "alice");
    }

    @Test
    void theCrlAndCaCertificateArePublicAndTheCrlIsSignedByTheCa() throws Exception {
        HttpResponse<byte[]> certificate = anonymous.send(HttpRequest.newBuilder(uri("/signing/crl/agency.crt")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> crl = anonymous.send(HttpRequest.newBuilder(uri("/signing/crl/agency.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(crl.statusCode()).isEqualTo(200);
        assertThat(crl.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.body()));
        assertThat(ca).isEqualTo(setup.authority().orElseThrow().certificate());
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        parsed.verify(ca.getPublicKey());
    }

    @Test
    void aSignatureWithAnIssuedCertificateValidatesThroughTheApiAndTamperingShows() throws Exception {
        IssuedCertificate issued = issue("林志明");
        byte[] signed = sign(issued, "林志明");

        JsonNode valid = validate(alice, signed);
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("words").asText()).contains("林志明", "not revoked");

        int at = new String(signed, StandardCharsets.ISO_8859_1).indexOf("/MediaBox");
        signed[at + 12] = (byte) (signed[at + 12] == '1' ? '2' : '1');
        JsonNode tampered = validate(alice, signed);
        assertThat(tampered.get("valid").asBoolean()).isFalse();
        assertThat(audit.recent(new AuditQuery("alice", "signing.validate", null, 10))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aRevocationReachesTheCrlAndStopsSigning() throws Exception {
        IssuedCertificate issued = issue("張淑芬");
        String serial = issued.serial().toString(16);

        HttpResponse<String> byStaff = revoke(alice, serial);
        assertThat(byStaff.statusCode()).as("only administrators revoke").isEqualTo(403);
        HttpResponse<String> byAdmin = revoke(bob, serial);
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(JSON.readTree(byAdmin.body()).get("newlyRevoked").asBoolean()).isTrue();

        HttpResponse<byte[]> crl = anonymous.send(HttpRequest.newBuilder(uri("/signing/crl/agency.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        assertThat(parsed.isRevoked(issued.certificate())).isTrue();
        assertThatThrownBy(() -> sign(issued, "張淑芬")).isInstanceOfSatisfying(SigningRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo(SigningRefusedException.Reason.CERTIFICATE_REVOKED));
        assertThat(audit.recent(new AuditQuery("bob", "signing.revoke", null, 5))).isNotEmpty();
    }

    @Test
    void validationNeedsASignedInPerson() throws Exception {
        HttpResponse<String> answer = anonymous.send(HttpRequest.newBuilder(uri("/api/signing/validate"))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isIn(401, 403);
    }

    private IssuedCertificate issue(String name) {
        return setup.authority().orElseThrow().ca().issue(new CertificateHolder(name, "科長", "資訊處", "T-" + name),
                PASSPHRASE, Instant.now().plus(Duration.ofDays(30)));
    }

    /** Signs a one-page PDF through key custody, the way the document flow will. */
    private byte[] sign(IssuedCertificate issued, String name) throws IOException {
        CertificateChecks checks = new CertificateChecks(List.of(setup.authority().orElseThrow().certificate()),
                Clock.systemUTC());
        KeyCustody custody = new KeyCustody(new DirectoryCustodyStore(base.resolve("custody")),
                new LockoutPolicy(3, Duration.ofMinutes(15)), checks, Clock.systemUTC());
        custody.deposit(name, issued);
        try (PdfSigner signer = new PdfSigner(checks, Optional.empty(), ZoneId.of("Asia/Taipei"), CjkFont.firstInstalled());
                UnlockedKey key = custody.unlock(name, PASSPHRASE)) {
            return signer.sign(onePagePdf(), key, new SignatureBlock(name, "科長", "決行"), PadesLevel.B_B);
        }
    }

    private JsonNode validate(BrowserSession who, byte[] document) throws IOException {
        HttpResponse<String> answer = who.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/signing/validate"))
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(document)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> revoke(BrowserSession who, String serial) {
        return who.sendWithCsrf(uri("/"), HttpRequest.newBuilder(uri("/api/admin/signing/revocations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"serial\":\"" + serial + "\",\"reason\":\"KEY_COMPROMISE\"}")));
    }

    static byte[] onePagePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

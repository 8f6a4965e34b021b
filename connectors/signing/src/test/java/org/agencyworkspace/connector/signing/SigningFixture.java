package org.agencyworkspace.connector.signing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;


import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * An agency CA whose CRL is served over HTTP on a random loopback port, a local time-stamp
 * authority, and the checks, signer and validator configured with both as trust anchors: the
 * whole signing setup of a test, against real HTTP and real DSS.
 */
final class SigningFixture implements AutoCloseable {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final char[] PASSPHRASE = "correct horse 馬 battery".toCharArray();

    final Clock clock = Clock.systemUTC();
    final LocalTimestampAuthority tsa;
    final WireMockServer crlServer;
    final AgencyCa ca;
    final List<Revocation> revoked = new CopyOnWriteArrayList<>();
    final AtomicLong crlNumber = new AtomicLong(1);
    final CertificateChecks checks;
    final PdfSigner signer;
    final SignatureValidator validator;

    SigningFixture() throws Exception {
        tsa = new LocalTimestampAuthority();
        // the CRL is issued afresh on each fetch, so it answers in code rather than from a stub
        crlServer = WireMockPeers.answering(this::crl);
        URI crlUrl = WireMockPeers.baseUri(crlServer).resolve("/crl/agency.crl");
        ca = AgencyCa.create("測試機關 Test Agency", Instant.now().plus(Duration.ofDays(3650)), crlUrl, clock);
        checks = new CertificateChecks(List.of(ca.certificate(), tsa.certificate()), clock);
        signer = new PdfSigner(checks, Optional.of(new TimestampAuthority(tsa.url())), TAIPEI, CjkFont.firstInstalled());
        validator = new SignatureValidator(checks);
    }

    private ResponseDefinitionBuilder crl(Request request) {
        return !request.getUrl().equals("/crl/agency.crl") ? aResponse().withStatus(404)
                : aResponse().withStatus(200).withHeader("Content-Type", "application/pkix-crl")
                        .withBody(ca.crl(revoked, BigInteger.valueOf(crlNumber.getAndIncrement()),
                                Instant.now().plus(Duration.ofDays(1))));
    }

    IssuedCertificate issue(String name, String title) {
        return ca.issue(new CertificateHolder(name, title, "秘書處", "A" + name.hashCode()), PASSPHRASE,
                Instant.now().plus(Duration.ofDays(365)));
    }

    UnlockedKey unlock(IssuedCertificate issued) {
        return Pkcs12.open(issued.pkcs12(), PASSPHRASE);
    }

    void revoke(IssuedCertificate issued, Instant when) {
        revoked.add(new Revocation(issued.serial(), when, Revocation.Reason.KEY_COMPROMISE));
    }

    KeyCustody custody(Path directory, int attempts, Duration lockout, Clock custodyClock) {
        return new KeyCustody(new DirectoryCustodyStore(directory), new LockoutPolicy(attempts, lockout), checks,
                custodyClock);
    }

    /** A CA outside the trust anchors, whose CRL address answers nothing. */
    static AgencyCa foreignCa(String agency) {
        return AgencyCa.create(agency, Instant.now().plus(Duration.ofDays(30)), URI.create("http://127.0.0.1:9/crl.crl"),
                Clock.systemUTC());
    }

    static IssuedCertificate issueFrom(AgencyCa ca, String name) {
        return ca.issue(new CertificateHolder(name, "", "", "X-" + name), PASSPHRASE, Instant.now().plus(Duration.ofDays(30)));
    }

    /** A plain text PDF of {@code pages} A4 pages. */
    static byte[] textPdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int page = 1; page <= pages; page++) {
                PDPage pdPage = new PDPage(PDRectangle.A4);
                document.addPage(pdPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(72, 760);
                    for (int line = 1; line <= 40; line++) {
                        content.showText("Page " + page + ", line " + line + ": the text of an official document.");
                        content.newLineAtOffset(0, -16);
                    }
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        signer.close();
        crlServer.stop();
        tsa.close();
    }
}

package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.connector.signing.SignatureFinding.CertificateStanding;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PdfSignerTest {

    private static SigningFixture fixture;
    private static IssuedCertificate reviewer;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
        reviewer = fixture.issue("王小明", "科長");
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    private static byte[] sign(byte[] pdf, IssuedCertificate who, String name, String step, PadesLevel level) {
        try (UnlockedKey key = fixture.unlock(who)) {
            return fixture.signer.sign(pdf, key, new SignatureBlock(name, "科長", step), level);
        }
    }

    @Test
    void aTwentyPagePdfSignedBbValidates() throws Exception {
        byte[] signed = sign(SigningFixture.textPdf(20), reviewer, "王小明", "核稿 Review", PadesLevel.B_B);

        ValidationReport report = fixture.validator.validate(signed);
        assertThat(report.allValid()).as(report.inPlainWords(SigningFixture.TAIPEI)).isTrue();
        SignatureFinding finding = report.signatures().get(0);
        assertThat(finding.signer()).isEqualTo("王小明");
        assertThat(finding.title()).isEqualTo("科長");
        assertThat(finding.step()).isEqualTo("核稿 Review");
        assertThat(finding.timestamped()).isFalse();
        assertThat(report.inPlainWords(SigningFixture.TAIPEI)).contains("has not changed since this signature",
                "valid and not revoked");
    }

    @Test
    void aTwentyPagePdfSignedBtCarriesATimestampFromTheAuthority() throws Exception {
        long before = fixture.tsa.answered();
        byte[] signed = sign(SigningFixture.textPdf(20), reviewer, "王小明", "決行", PadesLevel.B_T);

        ValidationReport report = fixture.validator.validate(signed);
        assertThat(report.allValid()).as(report.inPlainWords(SigningFixture.TAIPEI)).isTrue();
        assertThat(report.signatures().get(0).timestamped()).isTrue();
        assertThat(fixture.tsa.answered()).isGreaterThan(before);
    }

    @Test
    void theSignatureBlockShowsNameTitleStepAndTimeInChinese() throws Exception {
        byte[] signed = sign(SigningFixture.textPdf(2), reviewer, "王小明", "會辦", PadesLevel.B_B);

        try (PDDocument document = Loader.loadPDF(signed)) {
            document.getDocumentCatalog().getAcroForm().flatten();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            String text = stripper.getText(document);
            assertThat(text).contains("會辦", "王小明 科長").containsPattern("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+08:00");
        }
    }

    @Test
    void fourIncrementalSignaturesStayValidInOrder() throws Exception {
        IssuedCertificate drafter = fixture.issue("陳承辦", "科員");
        IssuedCertificate cosigner = fixture.issue("林會辦", "專員");
        IssuedCertificate approver = fixture.issue("張決行", "處長");
        byte[] pdf = SigningFixture.textPdf(3);
        pdf = sign(pdf, drafter, "陳承辦", "擬稿", PadesLevel.B_T);
        pdf = sign(pdf, reviewer, "王小明", "核稿", PadesLevel.B_T);
        pdf = sign(pdf, cosigner, "林會辦", "會辦", PadesLevel.B_T);
        pdf = sign(pdf, approver, "張決行", "決行", PadesLevel.B_T);

        ValidationReport report = fixture.validator.validate(pdf);
        assertThat(report.allValid()).as(report.inPlainWords(SigningFixture.TAIPEI)).isTrue();
        assertThat(report.signatures()).extracting(SignatureFinding::step).containsExactly("擬稿", "核稿", "會辦", "決行");
    }

    @Test
    void bLtEmbedsTheCrlAndValidates() throws Exception {
        byte[] signed = sign(SigningFixture.textPdf(2), reviewer, "王小明", "決行", PadesLevel.B_LT);

        try (PDDocument document = Loader.loadPDF(signed)) {
            COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss).as("the PDF's DSS dictionary").isNotNull();
            assertThat(dss.getCOSArray(COSName.getPDFName("CRLs"))).as("CRLs in the DSS dictionary").isNotNull();
        }
        ValidationReport report = fixture.validator.validate(signed);
        assertThat(report.allValid()).as(report.inPlainWords(SigningFixture.TAIPEI)).isTrue();
    }

    @Test
    void aByteChangedInsideTheSignedRangeIsDetected() throws Exception {
        byte[] signed = sign(SigningFixture.textPdf(2), reviewer, "王小明", "核稿", PadesLevel.B_B);
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("595.2");
        assertThat(at).isPositive();
        signed[at + 4] = (byte) (signed[at + 4] == '7' ? '8' : '7');

        ValidationReport report = fixture.validator.validate(signed);
        assertThat(report.allValid()).isFalse();
        assertThat(report.signatures()).singleElement().satisfies(finding -> assertThat(finding.intact()).isFalse());
        assertThat(report.inPlainWords(SigningFixture.TAIPEI)).contains("signed content was altered");
    }

    @Test
    void textAddedInALaterRevisionIsReportedAsAChangeAfterSigning() throws Exception {
        byte[] signed = sign(SigningFixture.textPdf(3), reviewer, "王小明", "核稿", PadesLevel.B_B);
        byte[] changed;
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDPage page = document.getPage(1);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 24);
                content.newLineAtOffset(100, 100);
                content.showText("APPROVED FOR 1,000,000");
                content.endText();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            changed = out.toByteArray();
        }

        ValidationReport report = fixture.validator.validate(changed);
        assertThat(report.allValid()).isFalse();
        assertThat(report.signatures()).singleElement().satisfies(finding -> {
            assertThat(finding.intact()).as("the signed revision itself is untouched").isTrue();
            assertThat(finding.changedAfterSigning()).isTrue();
        });
        assertThat(report.inPlainWords(SigningFixture.TAIPEI)).contains("changed after this signature");
    }

    @Test
    void anExpiredCertificateIsRefusedAndNothingSigned() throws Exception {
        IssuedCertificate expired = fixture.ca.issue(new CertificateHolder("李過期", "", "", "E1"), SigningFixture.PASSPHRASE,
                Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(30)));

        assertThatThrownBy(() -> sign(SigningFixture.textPdf(1), expired, "李過期", "核稿", PadesLevel.B_T))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED))
                .hasMessageContaining("expired");
    }

    @Test
    void aRevokedCertificateIsRefused() throws Exception {
        IssuedCertificate revoked = fixture.issue("周撤銷", "科員");
        fixture.revoke(revoked, Instant.now().minusSeconds(60));

        assertThatThrownBy(() -> sign(SigningFixture.textPdf(1), revoked, "周撤銷", "核稿", PadesLevel.B_B))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED))
                .hasMessageContaining("revoked");
    }

    @Test
    void aSignatureMadeBeforeRevocationStaysValidAndSaysSo() throws Exception {
        IssuedCertificate later = fixture.issue("吳後撤", "科員");
        byte[] signed = sign(SigningFixture.textPdf(1), later, "吳後撤", "核稿", PadesLevel.B_T);
        Instant signedAt = fixture.validator.validate(signed).signatures().get(0).time();
        fixture.revoke(later, signedAt.plusSeconds(1));

        ValidationReport report = fixture.validator.validate(signed);
        SignatureFinding finding = report.signatures().get(0);
        assertThat(finding.certificate()).as(report.inPlainWords(SigningFixture.TAIPEI)).isEqualTo(CertificateStanding.VALID);
        assertThat(finding.revokedAt()).isEqualTo(signedAt.plusSeconds(1));
        assertThat(report.inPlainWords(SigningFixture.TAIPEI)).contains("revoked later");
    }

    @Test
    void aCertificateWhoseCrlCannotBeFetchedIsRefused() throws Exception {
        AgencyCa unreachable = SigningFixture.foreignCa("無法連線機關");
        IssuedCertificate issued = SigningFixture.issueFrom(unreachable, "鄭無線");
        CertificateChecks checks = new CertificateChecks(List.of(unreachable.certificate()), Clock.systemUTC());

        assertThatThrownBy(() -> checks.requireUsableForSigning(List.of(issued.certificate(), unreachable.certificate())))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN));
    }

    @Test
    void aCertificateFromAnUnconfiguredAuthorityIsRefused() throws Exception {
        IssuedCertificate issued = SigningFixture.issueFrom(SigningFixture.foreignCa("外部機關"), "外人");

        assertThatThrownBy(() -> sign(SigningFixture.textPdf(1), issued, "外人", "核稿", PadesLevel.B_B))
                .isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE));
    }

    @Test
    void bytesThatAreNoPdfAreRefused() {
        assertThatThrownBy(() -> sign("not a pdf".getBytes(StandardCharsets.US_ASCII), reviewer, "王小明", "核稿",
                PadesLevel.B_B)).isInstanceOfSatisfying(SigningRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PDF));
    }

    @Test
    void unsignedOrUnreadableFilesAreReportedNotThrown() throws Exception {
        assertThat(fixture.validator.validate(SigningFixture.textPdf(1)).allValid()).isFalse();
        ValidationReport garbage = fixture.validator.validate("garbage".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage.allValid()).isFalse();
        assertThat(garbage.inPlainWords(SigningFixture.TAIPEI)).startsWith("Not validated");
    }
}

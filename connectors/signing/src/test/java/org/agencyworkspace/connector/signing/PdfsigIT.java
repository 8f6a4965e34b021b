package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent verifier: poppler's {@code pdfsig} (NSS underneath, no DSS code) checks the
 * signatures this workspace makes. Certificate trust is DSS's part ({@code -nocert}): pdfsig's
 * NSS database does not know the agency CA. Needs Debian poppler-utils, which
 * {@code bin/workspace stack up libreoffice} installs.
 */
class PdfsigIT {

    private static SigningFixture fixture;

    @TempDir
    Path directory;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new SigningFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void pdfsigFindsEveryApprovalSignatureOfATwentyPageDocumentValid() throws Exception {
        IssuedCertificate reviewer = fixture.issue("王小明", "科長");
        IssuedCertificate approver = fixture.issue("張決行", "處長");
        byte[] pdf = SigningFixture.textPdf(20);
        try (UnlockedKey key = fixture.unlock(reviewer)) {
            pdf = fixture.signer.sign(pdf, key, new SignatureBlock("王小明", "科長", "核稿"), PadesLevel.B_B);
        }
        try (UnlockedKey key = fixture.unlock(approver)) {
            pdf = fixture.signer.sign(pdf, key, new SignatureBlock("張決行", "處長", "決行"), PadesLevel.B_T);
        }

        String output = pdfsig(pdf);
        assertThat(output).contains("Signature #1", "Signature #2", "王小明", "張決行", "ETSI.CAdES.detached",
                "Total document signed");
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(3);
        assertThat(fixture.validator.validate(pdf).allValid()).isTrue();
    }

    @Test
    void pdfsigSeesTheDigestMismatchOfATamperedDocument() throws Exception {
        IssuedCertificate reviewer = fixture.issue("王小明", "科長");
        byte[] pdf;
        try (UnlockedKey key = fixture.unlock(reviewer)) {
            pdf = fixture.signer.sign(SigningFixture.textPdf(20), key, new SignatureBlock("王小明", "科長", "核稿"),
                    PadesLevel.B_T);
        }
        int at = new String(pdf, StandardCharsets.ISO_8859_1).indexOf("595.2");
        pdf[at + 4] = (byte) (pdf[at + 4] == '7' ? '8' : '7');

        String output = pdfsig(pdf);
        assertThat(output).doesNotContain("Signature is Valid").contains("Digest Mismatch");
        assertThat(fixture.validator.validate(pdf).allValid()).isFalse();
    }

    private String pdfsig(byte[] pdf) throws Exception {
        Path file = directory.resolve("signed.pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdfsig finished").isTrue();
        return output;
    }
}

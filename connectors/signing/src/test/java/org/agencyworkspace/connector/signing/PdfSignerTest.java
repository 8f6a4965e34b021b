package org.agencyworkspace.connector.signing;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aTwentyPagePdfSignedBbValidates() throws Exception {
        byte[] signed;
        try (UnlockedKey key = fixture.unlock(reviewer)) {
            signed = fixture.signer.sign(SigningFixture.textPdf(20), key, new SignatureBlock("王小明", "科長", "核稿 Review"),
                    PadesLevel.B_B);
        }
        ValidationReport report = fixture.validator.validate(signed);
        System.out.println(report.inPlainWords(SigningFixture.TAIPEI));
        assertThat(report.signatures()).hasSize(1);
        assertThat(report.allValid()).isTrue();
    }

    @Test
    void aTwentyPagePdfSignedBtCarriesATimestamp() throws Exception {
        byte[] signed;
        try (UnlockedKey key = fixture.unlock(reviewer)) {
            signed = fixture.signer.sign(SigningFixture.textPdf(20), key, new SignatureBlock("王小明", "科長", "決行"),
                    PadesLevel.B_T);
        }
        ValidationReport report = fixture.validator.validate(signed);
        System.out.println(report.inPlainWords(SigningFixture.TAIPEI));
        assertThat(report.allValid()).isTrue();
        assertThat(report.signatures().get(0).timestamped()).isTrue();
    }
}

package org.agencyworkspace.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent verifier of the members' signatures: poppler's {@code pdfsig} (NSS, no DSS code)
 * lists the five members' signatures and the agency's seal on the final record, all valid.
 * Certificate trust is DSS's part ({@code -nocert}), as in the signing connector's
 * {@code PdfsigIT}. Needs Debian poppler-utils ({@code bin/workspace stack up libreoffice}).
 */
class ReviewRecordPdfsigIT {

    @TempDir
    Path directory;

    RecordSigningFixture signing;

    @AfterEach
    void stop() {
        if (signing != null) {
            signing.close();
        }
    }

    @Test
    void pdfsigFindsEveryMemberSignatureAndTheSealValid() throws Exception {
        signing = new RecordSigningFixture(directory.resolve("state"));
        Review review = signing.decided("CASE-115-060");
        // measured, not asserted: each member's signature (custody, sign, DSS validation, store)
        for (String code : List.of("C", "A", "B", "E", "D")) {
            Review.Member m = review.members().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
            long start = System.nanoTime();
            signing.signatures.sign(review.id(), RecordSigningFixture.passphraseOf(m), RecordSigningFixture.reviewer(m));
            System.out.printf("member %s signed in %d ms%n", code, (System.nanoTime() - start) / 1_000_000);
        }
        byte[] pdf = signing.signatures.current(review.id(), ReviewsFixture.ALICE);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            System.out.printf("record: %d page(s), %d bytes final%n", document.getNumberOfPages(), pdf.length);
        }

        Path file = directory.resolve("record.pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("pdfsig", "-nocert", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdfsig finished").isTrue();

        assertThat(output).contains("Signature #6", "王教授", "Dr. Lee", "陳顧問", "erin", "carol",
                "測試機關 Test Agency 評選紀錄", "Total document signed").doesNotContain("Signature #7");
        assertThat(output.split("Signature is Valid", -1)).as(output).hasSize(7);
    }
}

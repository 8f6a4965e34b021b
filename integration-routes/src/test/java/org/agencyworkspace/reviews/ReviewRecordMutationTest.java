package org.agencyworkspace.reviews;

import static org.agencyworkspace.reviews.RecordSigningFixture.reviewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and tampered record PDFs are never accepted as carrying valid member signatures, and
 * no exception escapes: seeded bit flips inside a signed revision, an unsigned revision appended
 * after the members' signatures, and a signature swapped in from another review, both through the
 * acceptance check and through the service when someone rewrote the stored record and its hash.
 */
class ReviewRecordMutationTest {

    static final long SEED = 19L;
    static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*\\]");

    final RecordSigningFixture signing;

    ReviewRecordMutationTest(@TempDir Path folder) {
        signing = new RecordSigningFixture(folder);
    }

    @AfterEach
    void stop() {
        signing.close();
    }

    Review.Member member(Review review, String code) {
        return review.members().stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
    }

    /** The record signed by members A and B, and the serials of their certificates. */
    record Signed(Review review, byte[] pdf, Set<String> serials) {
    }

    Signed signedByTwo(String caseNumber) {
        Review review = signing.decided(caseNumber);
        for (String code : List.of("A", "B")) {
            Review.Member m = member(review, code);
            signing.signatures.sign(review.id(), RecordSigningFixture.passphraseOf(m), reviewer(m));
        }
        Set<String> serials = new HashSet<>(signing.fixture.database.jdbc()
                .sql("SELECT certificate_serial FROM review_record_signature WHERE review_id = :id")
                .param("id", review.id()).query(String.class).list());
        return new Signed(review, signing.signatures.current(review.id(), ReviewsFixture.ALICE), serials);
    }

    @Test
    void damagedRecordsAreNeverAcceptedAndNothingThrows() throws Exception {
        Signed good = signedByTwo("CASE-115-050");
        assertThat(ReviewRecordSignatures.accepts(signing.validator.validate(good.pdf()), good.serials()))
                .as("the undamaged record is accepted").isEmpty();
        Signed other = signedByTwo("CASE-115-051");
        Random random = new Random(SEED);
        List<byte[]> mutants = new ArrayList<>();
        long[] range = lastByteRange(good.pdf());
        for (int i = 0; i < 16; i++) {
            byte[] flipped = good.pdf().clone();
            // a position the last signature covers: before or after its /Contents hole
            long hole = range[2] - range[1];
            long at = random.nextInt((int) (range[1] + range[3]));
            int position = (int) (at < range[1] ? at : at + hole);
            flipped[position] ^= (byte) (1 << random.nextInt(8));
            mutants.add(flipped);
        }
        mutants.add(appendedRevision(good.pdf()));
        mutants.add(swappedSignature(good.pdf(), other.pdf()));
        mutants.add(other.pdf());

        for (int i = 0; i < mutants.size(); i++) {
            byte[] mutant = mutants.get(i);
            List<String> problems = ReviewRecordSignatures.accepts(signing.validator.validate(mutant), good.serials());
            assertThat(problems).as("mutant %d (seed %d) must not be accepted", i, SEED).isNotEmpty();
        }
    }

    @Test
    void aRewrittenStoredRecordWithItsHashIsStillRefusedAtTheNextSignature() throws Exception {
        Signed good = signedByTwo("CASE-115-052");
        Signed other = signedByTwo("CASE-115-053");
        var jdbc = signing.fixture.database.jdbc();
        for (byte[] rewritten : List.of(appendedRevision(good.pdf()), swappedSignature(good.pdf(), other.pdf()))) {
            jdbc.sql("UPDATE review SET record_pdf = :pdf, record_pdf_sha256 = :sha WHERE id = :id")
                    .param("pdf", rewritten).param("sha", ReviewRecordSignatures.sha256(rewritten))
                    .param("id", good.review().id()).update();
            Review.Member lee = member(good.review(), "C");
            try {
                signing.signatures.sign(good.review().id(), RecordSigningFixture.passphraseOf(lee), reviewer(lee));
                throw new AssertionError("a rewritten record was signed");
            } catch (ReviewException refused) {
                assertThat(refused.reason()).isEqualTo(Reason.CONFLICT);
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review_record_signature WHERE review_id = :id")
                .param("id", good.review().id()).query(Integer.class).single()).isEqualTo(2);
    }

    /** An unsigned incremental revision after the signatures: a note added on the first page. */
    static byte[] appendedRevision(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = document.getPage(0);
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(100, 100, 20, 20));
            note.setContents("第一名改為乙公司");
            List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
            annotations.add(note);
            page.setAnnotations(annotations);
            page.getCOSObject().setNeedToBeUpdated(true);
            note.getCOSObject().setNeedToBeUpdated(true);
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** The last signature's /Contents replaced by the last signature of another review's record. */
    static byte[] swappedSignature(byte[] pdf, byte[] from) {
        long[] target = lastByteRange(pdf);
        long[] source = lastByteRange(from);
        int length = (int) (target[2] - target[1]);
        assertThat(source[2] - source[1]).as("signature holes of the same size").isEqualTo(length);
        byte[] swapped = pdf.clone();
        System.arraycopy(from, (int) source[1], swapped, (int) target[1], length);
        return swapped;
    }

    static long[] lastByteRange(byte[] pdf) {
        Matcher matcher = BYTE_RANGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        long[] last = null;
        while (matcher.find()) {
            last = new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))};
        }
        assertThat(last).as("a signed PDF").isNotNull();
        return last;
    }
}

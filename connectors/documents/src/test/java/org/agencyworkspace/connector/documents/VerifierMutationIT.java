package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier without qpdf (PDFBox's read-back and OpenPDF's {@link StructureCheck}) is at least
 * as strict as {@code qpdf --check} on marked copies: {@code fuzz.count} (400 unless set) seeded
 * damages of real marked copies, each with up to three {@link PdfDamage} kinds, must each be
 * refused with {@code NOT_VERIFIED}, or pass {@code qpdf --check} with neither errors nor warnings.
 * The seed is printed first; {@code -Dfuzz.seed=S} makes the same copies again.
 */
class VerifierMutationIT {

    @TempDir
    Path work;

    @Test
    void everyDamagedCopyQpdfFindsFaultWithIsRefused() throws Exception {
        long seed = WatermarkFuzz.seed();
        int count = Integer.getInteger("fuzz.count", 400);
        System.out.println("VerifierMutationIT: -Dfuzz.seed=" + seed + " -Dfuzz.count=" + count);
        List<byte[]> copies = new ArrayList<>();
        List<Integer> pageCounts = new ArrayList<>();
        try (Watermarker watermarker = Watermarker.builder().build()) {
            for (int i = 0; i < 4; i++) {
                Random random = new Random(seed + i);
                try (PDDocument document = HostilePdfs.base(random)) {
                    pageCounts.add(document.getNumberOfPages());
                    copies.add(Marked.watermark(watermarker, HostilePdfs.save(document, random)));
                }
            }
        }
        StampVerifier verifier = new StampVerifier(null);
        int bothRefuse = 0;
        int onlyWeRefuse = 0;
        int bothAccept = 0;
        List<String> missed = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            Random random = new Random(seed * 1_000_003L + index);
            int copy = random.nextInt(copies.size());
            byte[] pdf = copies.get(copy);
            List<String> recipe = new ArrayList<>();
            for (int kinds = 1 + random.nextInt(3); kinds > 0; kinds--) {
                PdfDamage.Kind kind = PdfDamage.KINDS.get(random.nextInt(PdfDamage.KINDS.size()));
                pdf = kind.apply().apply(pdf, random);
                recipe.add(kind.name());
            }
            Path folder = Files.createTempDirectory(work, "case-");
            Path file = Files.write(folder.resolve("damaged.pdf"), pdf);
            boolean refused;
            try {
                verifier.verify(file, Marked.MARKING.deliveryId(),
                        Collections.nCopies(pageCounts.get(copy), Marked.MARKING.banner()), folder);
                refused = false;
            } catch (DocumentRejectedException e) {
                assertThat(e.reason()).as("case " + index).isEqualTo(DocumentRejectedException.Reason.NOT_VERIFIED);
                refused = true;
            }
            PdfTools.Result qpdf = PdfTools.qpdfCheck(file);
            if (qpdf.exitCode() != 0 && !refused) {
                // kept for a look: the seed and case number make it again too
                Files.copy(file, Files.createDirectories(Path.of("target", "verifier-mutation-missed"))
                        .resolve("case-" + index + ".pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                missed.add("case " + index + " (" + String.join(", ", recipe) + "): qpdf exit " + qpdf.exitCode()
                        + ": " + qpdf.output().strip());
            } else if (refused) {
                if (qpdf.exitCode() != 0) {
                    bothRefuse++;
                } else {
                    onlyWeRefuse++;
                }
            } else {
                bothAccept++;
            }
        }
        System.out.println("VerifierMutationIT: seed " + seed + ": " + count + " damaged copies; qpdf and we refuse "
                + bothRefuse + ", only we refuse " + onlyWeRefuse + ", both accept " + bothAccept + ", only qpdf "
                + "finds fault " + missed.size());
        assertThat(missed).as("seed " + seed).isEmpty();
        assertThat(bothRefuse).as("the damage reaches what qpdf checks").isPositive();
    }
}

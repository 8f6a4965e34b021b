package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.testsupport.BenchmarkMachine;
import org.agencyworkspace.testsupport.BenchmarksDocument;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/workspace bench watermark-fuzz}: the full fuzzing run, {@code fuzz.count} inputs
 * (10,000 unless set) with a new seed unless {@code fuzz.seed} is given, each checked as
 * {@link WatermarkFuzzIT} checks it. Writes the tally to the watermark-fuzz section of
 * docs/benchmarks.md, and fails on any escape after writing it.
 */
class WatermarkFuzzBenchmark {

    @Test
    void tenThousandDamagedAndHostileInputs() throws Exception {
        long seed = WatermarkFuzz.seed();
        int count = Integer.getInteger("fuzz.count", 10_000);
        System.out.println("WatermarkFuzzBenchmark: -Dfuzz.seed=" + seed + " -Dfuzz.count=" + count);
        Path work = Files.createDirectories(Path.of("target", "fuzz"));
        long start = System.nanoTime();
        WatermarkFuzz.Tally tally;
        try (Watermarker watermarker = Watermarker.builder().build()) {
            tally = WatermarkFuzz.run(watermarker, seed, 0, count, work);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        BenchmarksDocument.writeSection(StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md"),
                "watermark-fuzz", report(tally, seconds));
        assertThat(tally.escapes()).as("seed " + seed).isEmpty();
    }

    private static String report(WatermarkFuzz.Tally tally, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("## Watermark fuzzing (`bin/workspace bench watermark-fuzz`)");
        lines.add("");
        lines.add("Run on " + LocalDate.now() + " on " + BenchmarkMachine.describe() + ", seed " + tally.seed()
                + " (`-Dfuzz.seed=" + tally.seed() + "` makes the same inputs again). The machine was shared with other"
                + " work while it ran.");
        lines.add("");
        lines.add("Each input is a small generated PDF (1–3 pages of assorted sizes) with up to two hostile");
        lines.add("constructions (annotations and form fields over the page, crop box away from the media box,");
        lines.add("unbalanced `q`/`BT`/`BMC`/`BDC`, hidden optional content, a transparent state left set, embedded");
        lines.add("files, JavaScript, XFA, an alternate page tree, odd rotation and user unit, inherited attributes,");
        lines.add("bad media boxes, wrong `/Count`, page-tree loops) or an earlier revision, then, three times in four,");
        lines.add("up to three kinds of damage (bit flips, truncation with and without `%%EOF`, ranges cut out or");
        lines.add("repeated, broken xref offsets, `startxref`, `/Length`, `/Count`, media boxes and object references).");
        lines.add("Each must be refused with `DocumentRejectedException` and nothing written, or come out with every");
        lines.add("page showing its banner and delivery marker to poppler (`pdftotext`), the banner's red drawn at the");
        lines.add("top and bottom of every page by `pdftoppm` (each page pictured 360 pixels across its shorter side,");
        lines.add("as a phone fits it), `qpdf --check` clean, one revision, and nothing planted (JavaScript, embedded");
        lines.add("files, optional content, annotations, forms) among the objects qpdf lists.");
        lines.add("");
        lines.add("| inputs | marked | refused | escapes | time |");
        lines.add("|---|---|---|---|---|");
        lines.add(String.format(Locale.ROOT, "| %,d | %,d | %,d | **%d** | %.0f s (%.1f ms per input, checks included) |",
                tally.tried(), tally.marked(), tally.refusedTotal(), tally.escapes().size(), seconds,
                seconds * 1000 / tally.tried()));
        lines.add("");
        StringBuilder reasons = new StringBuilder("Refusals by reason:");
        for (Map.Entry<DocumentRejectedException.Reason, Integer> reason : tally.refused().entrySet()) {
            reasons.append(String.format(Locale.ROOT, " %s %,d;", reason.getKey(), reason.getValue()));
        }
        lines.add(reasons.substring(0, reasons.length() - 1) + ".");
        if (!tally.escapes().isEmpty()) {
            lines.add("");
            lines.add("Escapes (each replayable with its seed and case number):");
            tally.escapes().stream().limit(20).forEach(escape -> lines.add("- " + escape));
        }
        return String.join("\n", lines);
    }
}

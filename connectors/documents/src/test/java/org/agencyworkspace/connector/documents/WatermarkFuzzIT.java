package org.agencyworkspace.connector.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred fuzzed inputs per run ({@code fuzz.count}, 300 unless set), with a new seed each
 * run: the seed is printed first, and {@code -Dfuzz.seed=S} (with {@code -Dfuzz.first=I
 * -Dfuzz.count=1} for one case) makes the same inputs again. The full set runs in
 * {@code bin/workspace bench watermark-fuzz}.
 */
class WatermarkFuzzIT {

    @TempDir
    Path work;

    @Test
    void everyInputIsRefusedCleanlyOrMarkedOnEveryPageAsPopplerShowsIt() throws Exception {
        long seed = WatermarkFuzz.seed();
        int first = Integer.getInteger("fuzz.first", 0);
        int count = Integer.getInteger("fuzz.count", 300);
        System.out.println("WatermarkFuzzIT: -Dfuzz.seed=" + seed + " -Dfuzz.first=" + first + " -Dfuzz.count=" + count);

        WatermarkFuzz.Tally tally;
        try (Watermarker watermarker = Watermarker.builder().build()) {
            tally = WatermarkFuzz.run(watermarker, seed, first, count, work);
        }

        System.out.println("WatermarkFuzzIT: seed " + seed + ": " + tally.tried() + " tried, " + tally.marked()
                + " marked, refused " + tally.refused() + ", " + tally.escapes().size() + " escapes");
        assertThat(tally.escapes()).as("seed " + seed).isEmpty();
        assertThat(tally.marked() + tally.refusedTotal()).isEqualTo(count);
    }
}

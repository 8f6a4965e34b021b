package org.agencyworkspace.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one path type: what people type is checked and normalised, what a store reports is kept. */
class FilePathTest {

    @Test
    void whatPeopleTypeIsNormalisedAndTraversalRefused() {
        assertThat(FilePath.of("//人事室//2026/名冊.pdf/")).hasToString("/人事室/2026/名冊.pdf");
        assertThat(FilePath.of("/").isRoot()).isTrue();
        assertThat(FilePath.of("/a/b").parent()).contains(FilePath.of("/a"));
        assertThat(FilePath.root().parent()).isEmpty();
        for (String bad : new String[] {"..", "/a/../b", "./a", "a\\b", "a/b\u0000c", "tab\there",
                " lead", "trail ", "x".repeat(256)}) {
            assertThatThrownBy(() -> FilePath.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void whatAStoreReportsIsKeptByteForByteButStillBelowTheRoot() {
        String nfd = "re\u0301sume\u0301.pdf";
        assertThat(FilePath.exact("/" + nfd + "/").name()).isEqualTo(nfd);
        assertThat(FilePath.exact("/a/trail ").name()).isEqualTo("trail ");
        assertThat(FilePath.exact("/" + nfd)).isNotEqualTo(FilePath.of("/" + nfd));
        for (String bad : new String[] {"..", "a/../b", "./a", "a//b", "a\\b", "del\u007f", "line\nbreak"}) {
            assertThatThrownBy(() -> FilePath.exact(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Seeded: whatever string comes in, an accepted path has no segment that climbs or hides. */
    @Test
    void noAcceptedPathClimbsOrHidesASegment() {
        long seed = 7_2026_12_07L;
        Random random = new Random(seed);
        String alphabet = "ab./\\\u0000\n\t \u202e%..季";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (boolean exact : new boolean[] {false, true}) {
                FilePath path;
                try {
                    path = exact ? FilePath.exact(text.toString()) : FilePath.of(text.toString());
                } catch (IllegalArgumentException refused) {
                    continue;
                }
                accepted++;
                assertThat(path.segments()).as("seed %d input %s", seed, text).allSatisfy(segment -> {
                    assertThat(segment).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\");
                    assertThat(segment.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).isTrue();
                });
                assertThat(FilePath.exact(path.toString())).as("round trip, seed %d", seed).isEqualTo(path);
            }
        }
        assertThat(accepted).as("the check accepts ordinary paths too").isGreaterThan(1_000);
    }
}

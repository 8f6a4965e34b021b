package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActionItemsTest {

    static String template() throws IOException {
        try (InputStream in = ActionItemsTest.class.getResourceAsStream("/meetings/minutes-template.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheRowsOfTheTemplatesTableAsPeopleFillItIn() throws IOException {
        String minutes = template() + """
                | 更新採購規格 \\| specs | bob | 2026-12-31 | accounting |
                | 通知廠商 Tell the vendors | carol |  |  |
                |   |   |   |   |

                Some closing words.
                | not | an | item | row |
                """;

        assertThat(ActionItems.read(minutes)).containsExactly(
                new ActionItems.Row(1, "更新採購規格 | specs", "bob", "2026-12-31", "accounting"),
                new ActionItems.Row(2, "通知廠商 Tell the vendors", "carol", "", ""));
    }

    @Test
    void theEmptyTemplateHasNoItemsAndOtherTablesAreNotItems() throws IOException {
        assertThat(ActionItems.read(template())).isEmpty();
        assertThat(ActionItems.read("## 決議 Decisions\n| a | b |\n|---|---|\n| x | y |\n")).isEmpty();
    }

    @Test
    void shortRowsHaveEmptyCells() {
        assertThat(ActionItems.read("## Action items\n| Item | Owner |\n|--|--|\n| call | bob\n"))
                .containsExactly(new ActionItems.Row(1, "call", "bob", "", ""));
    }

    @Test
    void anyTextIsReadWithoutFailingAndWithinTheRowLimit() throws IOException {
        long seed = 18_2026L;
        Random random = new Random(seed);
        String base = template() + "| 事項 | bob | 2026-12-31 | accounting |\n";
        String alphabet = "|\\-#\n\r :待辦事項Action items aé\u0000\uD83D\uDE00";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder(base);
            for (int edits = random.nextInt(20); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> text.delete(at, Math.min(text.length(), at + random.nextInt(5)));
                    default -> text.insert(at, "| x | y |\n".repeat(random.nextInt(300)));
                }
            }
            try {
                List<ActionItems.Row> rows = ActionItems.read(text.toString());
                assertThat(rows).hasSizeLessThanOrEqualTo(ActionItems.MAX_ROWS)
                        .allSatisfy(row -> assertThat(row.item()).isNotNull().doesNotStartWith(" "));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", round " + round + ": " + e, e);
            }
        }
    }
}

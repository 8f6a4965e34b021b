package org.agencyworkspace.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The member page's sheet form under seeded random input: every form either becomes a sheet,
 * which the scoring check then judges without throwing, or is refused as INVALID; nothing else.
 */
class ReviewFormsFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 19_2026L);
    static final String ALPHABET = "0123456789-.eE+ ,score-rank-公\u0000\uFF10x";

    @Test
    void randomFormsBecomeSheetsOrClearRefusals() {
        Random random = new Random(SEED);
        Scoring.Panel panel = ScoringTest.randomPanel(new Random(SEED), ScoringMethod.TOTAL_SCORE);
        Scoring.Panel ranked = new Scoring.Panel(ScoringMethod.RANK_ORDER, panel.criteria(), panel.candidates(), null);
        int parsed = 0;
        for (int i = 0; i < 5000; i++) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            int fields = random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                String key = switch (random.nextInt(4)) {
                    case 0 -> "score-" + random.nextInt(60) + "-" + random.nextInt(6);
                    case 1 -> "rank-" + random.nextInt(60);
                    case 2 -> "score-" + noise(random);
                    default -> noise(random);
                };
                form.add(key, random.nextInt(3) == 0 ? noise(random) : Integer.toString(random.nextInt(200) - 50));
            }
            Reviews.SheetInput sheet;
            try {
                sheet = ReviewPagesController.sheet(form);
            } catch (ReviewException refused) {
                assertThat(refused.reason()).as("seed %d case %d", SEED, i).isEqualTo(ReviewException.Reason.INVALID);
                continue;
            } catch (RuntimeException other) {
                throw new AssertionError("seed " + SEED + ", case " + i + ": " + form + ": " + other, other);
            }
            parsed++;
            Scoring.Sheet asSheet = new Scoring.Sheet("m", sheet.scores(), sheet.ranks());
            for (Scoring.Panel p : new Scoring.Panel[] {panel, ranked}) {
                try {
                    Scoring.check(p, asSheet, Set.of());
                } catch (RuntimeException other) {
                    throw new AssertionError("seed " + SEED + ", case " + i + ": " + form + ": " + other, other);
                }
            }
            sheet.scores().values().forEach(row -> row.values().forEach(score ->
                    assertThat(score).isInstanceOf(BigDecimal.class)));
        }
        assertThat(parsed).as("seed %d: some forms must parse", SEED).isGreaterThan(1000);
    }

    static String noise(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}

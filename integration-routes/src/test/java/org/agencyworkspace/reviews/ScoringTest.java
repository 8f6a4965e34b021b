package org.agencyworkspace.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.agencyworkspace.reviews.Scoring.Candidate;
import org.agencyworkspace.reviews.Scoring.Criterion;
import org.agencyworkspace.reviews.Scoring.Panel;
import org.agencyworkspace.reviews.Scoring.Result;
import org.agencyworkspace.reviews.Scoring.Sheet;
import org.agencyworkspace.reviews.Scoring.Standing;
import org.agencyworkspace.reviews.Scoring.Step;
import org.junit.jupiter.api.Test;

/**
 * The scoring methods on sheets worked out by hand (the figures in the comments), ties
 * included, then seeded property checks over random panels.
 */
class ScoringTest {

    static final int A = 1;
    static final int B = 2;
    static final int C = 3;
    static final List<Candidate> ABC = List.of(new Candidate(A, "甲公司"), new Candidate(B, "乙公司"),
            new Candidate(C, "丙公司"));
    // 技術能力 weight 60 scored out of 100; 價格合理性 weight 40 scored out of 10.
    static final List<Criterion> CRITERIA = List.of(new Criterion(1, "技術能力", d("60"), d("100")),
            new Criterion(2, "價格合理性", d("40"), d("10")));

    /**
     * Five members. Weighted totals (c1 × 0.6 + c2 × 4):
     * <pre>
     *        A          B          C
     * m1  80,8 = 80  70,9 = 78  90,5 = 74
     * m2  75,7 = 73  85,8 = 83  60,6 = 60
     * m3  90,9 = 90  80,7 = 76  70,7 = 70
     * m4  70,6 = 66  75,9 = 81  80,8 = 80
     * m5  85,8 = 83  80,6 = 72  75,10 = 85
     * sum      392        390        369
     * avg     78.4       78.0       73.8
     * </pre>
     */
    static final List<Sheet> FIVE = List.of(
            scored("m1", A, 80, 8, B, 70, 9, C, 90, 5),
            scored("m2", A, 75, 7, B, 85, 8, C, 60, 6),
            scored("m3", A, 90, 9, B, 80, 7, C, 70, 7),
            scored("m4", A, 70, 6, B, 75, 9, C, 80, 8),
            scored("m5", A, 85, 8, B, 80, 6, C, 75, 10));

    @Test
    void totalScoreAveragesTheWeightedTotalsAndThePassMarkExcludes() {
        Result result = Scoring.compute(new Panel(ScoringMethod.TOTAL_SCORE, CRITERIA, ABC, d("75")), FIVE);

        assertThat(result.standings()).extracting(Standing::candidate).containsExactly(A, B, C);
        assertThat(result.standings()).extracting(Standing::averageScore)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("78.4"), d("78"), d("73.8"));
        assertThat(result.standings()).extracting(Standing::eligible).containsExactly(true, true, false);
        assertThat(result.winner()).isEqualTo(A);
        assertThat(result.decidedBy()).isEqualTo(Step.SCORE);
        assertThat(result.lines()).filteredOn(line -> line.member().equals("m4") && line.candidate() == C)
                .singleElement().satisfies(line -> assertThat(line.total()).isEqualByComparingTo("80"));
    }

    /**
     * Converted to ranks per member: m1 A1 B2 C3, m2 B1 A2 C3, m3 A1 B2 C3, m4 B1 C2 A3,
     * m5 C1 A2 B3. Sums A 9, B 9, C 12: A and B tie; the highest-weighted criterion (技術能力)
     * averages A 80, B 78, so A.
     */
    @Test
    void convertedRanksTieBrokenByTheHighestWeightedCriterion() {
        Result result = Scoring.compute(new Panel(ScoringMethod.CONVERTED_RANK, CRITERIA, ABC, null), FIVE);

        assertThat(result.standings()).extracting(Standing::candidate).containsExactly(A, B, C);
        assertThat(result.standings()).extracting(Standing::rankSum)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("9"), d("9"), d("12"));
        assertThat(result.standings()).extracting(Standing::separatedBy)
                .containsExactly(null, Step.HIGHEST_WEIGHTED_CRITERION, Step.RANK);
        assertThat(result.standings()).extracting(Standing::firstPlaces).containsExactly(2, 2, 1);
        assertThat(result.winner()).isEqualTo(A);
        assertThat(result.decidedBy()).isEqualTo(Step.HIGHEST_WEIGHTED_CRITERION);
    }

    /** With pass mark 75 C (73.8) drops out before converting: A 1+2+1+2+1 = 7, B 8. */
    @Test
    void convertedRanksLeaveOutWhoFailsThePassMark() {
        Result result = Scoring.compute(new Panel(ScoringMethod.CONVERTED_RANK, CRITERIA, ABC, d("75")), FIVE);

        assertThat(result.standings()).extracting(Standing::candidate).containsExactly(A, B, C);
        assertThat(result.standings()).extracting(Standing::rankSum)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("7"), d("8"), d("0"));
        assertThat(result.standings().get(2).eligible()).isFalse();
        assertThat(result.lines()).filteredOn(line -> line.candidate() == C).allMatch(line -> line.rank() == null);
        assertThat(result.decidedBy()).isEqualTo(Step.RANK);
        assertThat(result.winner()).isEqualTo(A);
    }

    /**
     * Ranks given: m1 A1 B2 C3, m2 A1 C2 B3, m3 B1 C2 A3, m4 C1 B2 A3. Every sum is 8; first
     * places A 2, B 1, C 1: A first; B and C only lots can part, so they share second place.
     */
    @Test
    void rankOrderTieBrokenByFirstPlacesThenLots() {
        List<Sheet> sheets = List.of(ranked("m1", A, 1, B, 2, C, 3), ranked("m2", A, 1, B, 3, C, 2),
                ranked("m3", A, 3, B, 1, C, 2), ranked("m4", A, 3, B, 2, C, 1));
        Result result = Scoring.compute(new Panel(ScoringMethod.RANK_ORDER, CRITERIA, ABC, null), sheets);

        assertThat(result.standings()).extracting(Standing::candidate).containsExactly(A, B, C);
        assertThat(result.standings()).extracting(Standing::place).containsExactly(1, 2, 2);
        assertThat(result.standings()).extracting(Standing::separatedBy)
                .containsExactly(null, Step.FIRST_PLACES, Step.LOTS);
        assertThat(result.winner()).isEqualTo(A);
        assertThat(result.tiedForFirst()).isEmpty();
    }

    @Test
    void aTieNoStepCanBreakIsLeftToLotsWithNoWinner() {
        List<Sheet> sheets = List.of(ranked("m1", A, 1, B, 2), ranked("m2", A, 2, B, 1));
        Result result = Scoring.compute(new Panel(ScoringMethod.RANK_ORDER, CRITERIA, ABC.subList(0, 2), null),
                sheets);

        assertThat(result.winner()).isNull();
        assertThat(result.tiedForFirst()).containsExactly(A, B);
        assertThat(result.decidedBy()).isEqualTo(Step.LOTS);
        assertThat(result.standings()).extracting(Standing::place).containsExactly(1, 1);
    }

    /**
     * 總評分法 ties, two members:
     * <pre>
     *     m1            m2             average  技術能力 average
     * A   70,9 = 78     60,9   = 72    75       65
     * B   75,6 = 69     85,7.5 = 81    75       80
     * C   50,5 = 50     50,5   = 50    50
     * D   as B                          75       80
     * </pre>
     * B and D beat A on the highest-weighted criterion; only lots part B and D.
     */
    @Test
    void totalScoreTiesGoToTheHighestWeightedCriterionThenLots() {
        List<Candidate> four = List.of(new Candidate(A, "A"), new Candidate(B, "B"), new Candidate(C, "C"),
                new Candidate(4, "D"));
        List<Sheet> sheets = List.of(
                scored2("m1", Map.of(A, sc(70, 9), B, sc(75, 6), C, sc(50, 5), 4, sc(75, 6))),
                scored2("m2", Map.of(A, sc(60, 9), B, sc(85, 7.5), C, sc(50, 5), 4, sc(85, 7.5))));
        Result result = Scoring.compute(new Panel(ScoringMethod.TOTAL_SCORE, CRITERIA, four, null), sheets);

        assertThat(result.standings()).extracting(Standing::averageScore)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("75"), d("75"), d("75"), d("50"));
        assertThat(result.standings()).extracting(Standing::candidate).containsExactly(B, 4, A, C);
        assertThat(result.standings()).extracting(Standing::separatedBy)
                .containsExactly(null, Step.LOTS, Step.HIGHEST_WEIGHTED_CRITERION, Step.SCORE);
        assertThat(result.winner()).isNull();
        assertThat(result.tiedForFirst()).containsExactly(B, 4);
    }

    @Test
    void equalTotalsOnOneSheetShareTheAverageOfTheirPlaces() {
        Map<Integer, BigDecimal> ranks = Scoring.converted(Map.of(A, d("80"), B, d("80"), C, d("90"), 4, d("70")),
                Set.of(A, B, C, 4));

        assertThat(ranks.get(C)).isEqualByComparingTo("1");
        assertThat(ranks.get(A)).isEqualByComparingTo("2.5");
        assertThat(ranks.get(B)).isEqualByComparingTo("2.5");
        assertThat(ranks.get(4)).isEqualByComparingTo("4");
    }

    /** m2 declared a conflict for B: B is averaged over four members (78+76+81+72)/4 = 76.75. */
    @Test
    void aMemberWithAConflictIsLeftOutOfThatCandidateOnly() {
        List<Sheet> sheets = new ArrayList<>(FIVE);
        sheets.set(1, scored("m2", A, 75, 7, C, 60, 6));
        Panel panel = new Panel(ScoringMethod.TOTAL_SCORE, CRITERIA, ABC, null);
        assertThat(Scoring.check(panel, sheets.get(1), Set.of(B))).isEmpty();

        Result result = Scoring.compute(panel, sheets);

        Standing b = result.standings().stream().filter(s -> s.candidate() == B).findFirst().orElseThrow();
        assertThat(b.members()).isEqualTo(4);
        assertThat(b.averageScore()).isEqualByComparingTo("76.75");
    }

    @Test
    void sheetsOutOfRangeMissingOrScoringAConflictAreRefusedLineByLine() {
        Panel panel = new Panel(ScoringMethod.TOTAL_SCORE, CRITERIA, ABC, null);
        Sheet bad = scored2("m1", Map.of(A, Map.of(1, d("101"), 2, d("5")), B, Map.of(1, d("50")),
                C, Map.of(1, d("50"), 2, d("-1")), 9, Map.of(1, d("1"), 2, d("1"))));

        assertThat(Scoring.check(panel, bad, Set.of())).containsExactlyInAnyOrder(
                "candidate 9: not in this review",
                "candidate 1, criterion 1: 101 is outside 0 to 100",
                "candidate 2, criterion 2: missing",
                "candidate 3, criterion 2: -1 is outside 0 to 10");
        assertThat(Scoring.check(panel, FIVE.get(0), Set.of(C)))
                .containsExactly("candidate 3: you declared a conflict of interest for it");
        assertThat(Scoring.check(panel, scored2("m1", Map.of(A, Map.of(1, d("1.005"), 2, d("1")),
                B, sc(1, 1), C, sc(1, 1))), Set.of())).containsExactly("candidate 1, criterion 1: at most 2 decimals");
        Panel ranked = new Panel(ScoringMethod.RANK_ORDER, CRITERIA, ABC, null);
        assertThat(Scoring.check(ranked, ranked("m1", A, 1, B, 1, C, 4), Set.of())).containsExactly(
                "candidate 2: rank 1 given twice", "candidate 3: rank 4 is outside 1 to 3");
        assertThat(Scoring.check(ranked, ranked("m1", A, 1, B, 2), Set.of(B)))
                .containsExactly("candidate 2: you declared a conflict of interest for it", "candidate 3: rank missing");
    }

    @Test
    void panelsNeedWeightsSummingToHundredAndSensibleMaximums() {
        assertThat(Scoring.check(new Panel(ScoringMethod.RANK_ORDER,
                List.of(new Criterion(1, "a", d("50"), d("0")), new Criterion(1, "", d("30"), d("10"))),
                List.of(), d("70")))).containsExactlyInAnyOrder(
                "candidates: at least one",
                "criterion 1: used twice",
                "criterion 1: maximum score must be above 0 and at most 1000",
                "criterion 1: a name of 1 to 200 characters",
                "criteria: weights sum to 80, not 100",
                "pass mark: needs scores; rank order has none");
        assertThat(Scoring.check(new Panel(ScoringMethod.TOTAL_SCORE, CRITERIA, ABC, d("70")))).isEmpty();
    }

    // ---- seeded property checks ---------------------------------------------------------

    @Test
    void theOrderOfMembersNeverChangesTheResult() {
        long seed = 20261207L;
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            ScoringMethod method = ScoringMethod.values()[random.nextInt(3)];
            Panel panel = randomPanel(random, method);
            List<Sheet> sheets = randomSheets(random, panel, 5 + random.nextInt(6));
            Result first = Scoring.compute(panel, sheets);
            List<Sheet> shuffled = new ArrayList<>(sheets);
            Collections.shuffle(shuffled, random);
            Result second = Scoring.compute(panel, shuffled);
            assertThat(second.standings()).as("seed %d round %d", seed, round).isEqualTo(first.standings());
            assertThat(second.winner()).as("seed %d round %d", seed, round).isEqualTo(first.winner());
            assertThat(Set.copyOf(second.lines())).isEqualTo(Set.copyOf(first.lines()));
        }
    }

    @Test
    void whoIsBestOnEverySheetWinsUnderEveryMethod() {
        long seed = 7734L;
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            for (ScoringMethod method : ScoringMethod.values()) {
                Panel panel = randomPanel(random, method);
                List<Sheet> sheets = randomSheets(random, panel, 5 + random.nextInt(4));
                int best = panel.candidates().get(random.nextInt(panel.candidates().size())).id();
                List<Sheet> dominated = sheets.stream().map(sheet -> makeBest(panel, sheet, best)).toList();
                for (Sheet sheet : dominated) {
                    assertThat(Scoring.check(panel, sheet, Set.of())).as("seed %d round %d", seed, round).isEmpty();
                }
                Result result = Scoring.compute(panel, dominated);
                assertThat(result.winner()).as("seed %d round %d %s", seed, round, method).isEqualTo(best);
            }
        }
    }

    @Test
    void convertedRanksOfEverySheetSumToTheTriangleNumber() {
        long seed = 99L;
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            Panel panel = randomPanel(random, ScoringMethod.CONVERTED_RANK);
            Result result = Scoring.compute(panel, randomSheets(random, panel, 5));
            int n = panel.candidates().size();
            Map<String, BigDecimal> perMember = new HashMap<>();
            result.lines().forEach(line -> perMember.merge(line.member(), line.rank(), BigDecimal::add));
            assertThat(perMember.values()).as("seed %d round %d", seed, round)
                    .allSatisfy(sum -> assertThat(sum).isEqualByComparingTo(new BigDecimal(n * (n + 1) / 2)));
        }
    }

    /** Random mutations of a valid sheet are refused, never accepted and never thrown. */
    @Test
    void mutatedSheetsAreRefusedWithAProblem() {
        long seed = 4242L;
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            Panel panel = randomPanel(random, random.nextBoolean() ? ScoringMethod.TOTAL_SCORE : ScoringMethod.RANK_ORDER);
            Sheet sheet = randomSheets(random, panel, 1).get(0);
            assertThat(Scoring.check(panel, sheet, Set.of())).isEmpty();
            Sheet mutated = mutate(random, panel, sheet);
            assertThat(Scoring.check(panel, mutated, Set.of())).as("seed %d round %d: %s", seed, round, mutated)
                    .isNotEmpty();
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    static Panel randomPanel(Random random, ScoringMethod method) {
        int criteria = 1 + random.nextInt(4);
        List<Criterion> list = new ArrayList<>();
        int left = 100;
        for (int i = 1; i <= criteria; i++) {
            int weight = i == criteria ? left : 1 + random.nextInt(left - (criteria - i));
            left -= weight;
            list.add(new Criterion(i, "c" + i, new BigDecimal(weight), new BigDecimal(5 + random.nextInt(96))));
        }
        List<Candidate> candidates = new ArrayList<>();
        int n = 2 + random.nextInt(5);
        for (int i = 1; i <= n; i++) {
            candidates.add(new Candidate(i * 10, "v" + i));
        }
        return new Panel(method, list, candidates, null);
    }

    static List<Sheet> randomSheets(Random random, Panel panel, int members) {
        List<Sheet> sheets = new ArrayList<>();
        for (int m = 1; m <= members; m++) {
            if (panel.method().scored()) {
                Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>();
                for (Candidate candidate : panel.candidates()) {
                    Map<Integer, BigDecimal> row = new HashMap<>();
                    for (Criterion criterion : panel.criteria()) {
                        row.put(criterion.id(), new BigDecimal(random.nextInt(criterion.maxScore().intValue() + 1)));
                    }
                    scores.put(candidate.id(), row);
                }
                sheets.add(new Sheet("m" + m, scores, null));
            } else {
                List<Candidate> order = new ArrayList<>(panel.candidates());
                Collections.shuffle(order, random);
                Map<Integer, Integer> ranks = new HashMap<>();
                for (int i = 0; i < order.size(); i++) {
                    ranks.put(order.get(i).id(), i + 1);
                }
                sheets.add(new Sheet("m" + m, null, ranks));
            }
        }
        return sheets;
    }

    /** The sheet with {@code best} given full marks (others below full on some criterion) or rank 1. */
    static Sheet makeBest(Panel panel, Sheet sheet, int best) {
        if (panel.method().scored()) {
            Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>();
            sheet.scores().forEach((candidate, row) -> {
                Map<Integer, BigDecimal> copy = new HashMap<>(row);
                Criterion first = panel.criteria().get(0);
                if (candidate == best) {
                    panel.criteria().forEach(criterion -> copy.put(criterion.id(), criterion.maxScore()));
                } else if (copy.get(first.id()).compareTo(first.maxScore()) == 0) {
                    copy.put(first.id(), first.maxScore().subtract(BigDecimal.ONE));
                }
                scores.put(candidate, copy);
            });
            return new Sheet(sheet.member(), scores, null);
        }
        Map<Integer, Integer> ranks = new HashMap<>(sheet.ranks());
        int old = ranks.get(best);
        ranks.replaceAll((candidate, rank) -> candidate == best ? 1 : rank < old ? rank + 1 : rank);
        return new Sheet(sheet.member(), null, ranks);
    }

    static Sheet mutate(Random random, Panel panel, Sheet sheet) {
        int candidate = panel.candidates().get(random.nextInt(panel.candidates().size())).id();
        if (panel.method().scored()) {
            Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>(sheet.scores());
            Map<Integer, BigDecimal> row = new HashMap<>(scores.get(candidate));
            Criterion criterion = panel.criteria().get(random.nextInt(panel.criteria().size()));
            switch (random.nextInt(5)) {
                case 0 -> row.remove(criterion.id());
                case 1 -> row.put(criterion.id(), criterion.maxScore().add(new BigDecimal(1 + random.nextInt(50))));
                case 2 -> row.put(criterion.id(), new BigDecimal(-1 - random.nextInt(50)));
                case 3 -> row.put(99, BigDecimal.ONE);
                default -> scores.put(7, row);
            }
            scores.put(candidate, row);
            return new Sheet(sheet.member(), scores, null);
        }
        Map<Integer, Integer> ranks = new HashMap<>(sheet.ranks());
        switch (random.nextInt(4)) {
            case 0 -> ranks.remove(candidate);
            case 1 -> ranks.put(candidate, ranks.size() + 1 + random.nextInt(5));
            case 2 -> ranks.put(candidate, -random.nextInt(3));
            default -> ranks.put(candidate, ranks.get(candidate) == 1 ? 2 : 1);
        }
        return new Sheet(sheet.member(), null, ranks);
    }

    static Sheet scored(String member, int... values) {
        Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>();
        for (int i = 0; i < values.length; i += 3) {
            scores.put(values[i], sc(values[i + 1], values[i + 2]));
        }
        return new Sheet(member, scores, null);
    }

    static Sheet scored2(String member, Map<Integer, Map<Integer, BigDecimal>> scores) {
        return new Sheet(member, scores, null);
    }

    static Map<Integer, BigDecimal> sc(double first, double second) {
        return Map.of(1, BigDecimal.valueOf(first), 2, BigDecimal.valueOf(second));
    }

    static Sheet ranked(String member, int... values) {
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < values.length; i += 2) {
            ranks.put(values[i], values[i + 1]);
        }
        return new Sheet(member, null, ranks);
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}

package org.agencyworkspace.reviews;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The arithmetic of a review, with no storage and no people: checks a panel and a member's
 * sheet, and turns the submitted sheets into a result by the panel's {@link ScoringMethod}.
 *
 * <p>Figures: a member's total for a candidate is Σ score ÷ maximum × weight (weights sum to
 * 100), each term to 10 places, the total to 4; averages are to 4 places, half up.
 *
 * <p>Ties, in order (operator guide §26): 總評分法 — higher average score on the highest-weighted
 * criterion (then the next-weighted, ...), then lots. 序位法 (§15-1 steps 2 and 3) — higher
 * average score on the highest-weighted criterion (only when members scored, so not for
 * {@link ScoringMethod#RANK_ORDER}), then more first places, then lots. Step 1 of §15-1 (the
 * committee re-evaluates the tied candidates once) is a committee act: the result reports the
 * tie so the officer can run it. A tie left after every step is reported as {@code LOTS}; the
 * workspace never draws lots itself.
 */
public final class Scoring {

    /** Scores carry at most this many decimals. */
    static final int SCORE_DECIMALS = 2;
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private Scoring() {
    }

    /** One thing judged (評選項目), its weight (配分 share of 100) and its highest score. */
    public record Criterion(int id, String name, BigDecimal weight, BigDecimal maxScore) {
    }

    /** A vendor or applicant under review. */
    public record Candidate(int id, String name) {
    }

    /**
     * What the review fixed before scoring.
     *
     * @param passMark 及格分數 out of 100, or null when there is none (never for {@link ScoringMethod#RANK_ORDER})
     */
    public record Panel(ScoringMethod method, List<Criterion> criteria, List<Candidate> candidates,
            BigDecimal passMark) {

        public Panel {
            criteria = List.copyOf(criteria);
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * One member's sheet. Scored methods fill {@code scores} (candidate → criterion → score),
     * {@link ScoringMethod#RANK_ORDER} fills {@code ranks} (candidate → rank, 1 = best).
     * Candidates the member declared a conflict for are absent.
     */
    public record Sheet(String member, Map<Integer, Map<Integer, BigDecimal>> scores,
            Map<Integer, Integer> ranks) {

        public Sheet {
            Objects.requireNonNull(member, "member");
            scores = scores == null ? Map.of() : Map.copyOf(scores);
            ranks = ranks == null ? Map.of() : Map.copyOf(ranks);
        }

        /** The candidates this sheet judges. */
        Set<Integer> candidates() {
            return new TreeSet<>(scores.isEmpty() ? ranks.keySet() : scores.keySet());
        }
    }

    /** How a standing was told apart from the one before it. */
    public enum Step { SCORE, RANK, HIGHEST_WEIGHTED_CRITERION, FIRST_PLACES, LOTS }

    /**
     * One member's line for one candidate on the summary sheet (總表).
     *
     * @param total weighted total, null for {@link ScoringMethod#RANK_ORDER}
     * @param rank rank given or converted (shared places are averaged), null for 總評分法 and for
     *     a candidate not eligible
     */
    public record MemberLine(String member, int candidate, BigDecimal total, BigDecimal rank) {
    }

    /**
     * A candidate's place.
     *
     * @param members how many members judged it (those who declared a conflict did not)
     * @param averageScore average of the members' totals (null for RANK_ORDER)
     * @param rankSum 序位合計 (null for 總評分法)
     * @param averageRank rank sum ÷ members, what rank methods order by (equal to ordering by the
     *     sum when every member ranked every candidate)
     * @param firstPlaces members who ranked it first
     * @param eligible at or above the pass mark (always true without one)
     * @param place 1 = best; equal places when only lots can separate them
     * @param separatedBy the step that put it after the previous standing (null for the first)
     */
    public record Standing(int candidate, int members, BigDecimal averageScore, BigDecimal rankSum,
            BigDecimal averageRank, int firstPlaces, boolean eligible, int place, Step separatedBy) {
    }

    /**
     * The result.
     *
     * @param winner the candidate in first place alone, eligible; null when none is eligible or
     *     lots must decide
     * @param tiedForFirst the candidates only lots can separate for first place (empty otherwise)
     * @param decidedBy the step that separated first from second place (null with one candidate)
     */
    public record Result(ScoringMethod method, List<Standing> standings, List<MemberLine> lines,
            Integer winner, List<Integer> tiedForFirst, Step decidedBy) {
    }

    // ---- checks --------------------------------------------------------------------------

    /** What is wrong with a panel, one line per problem; empty when it can be scored. */
    public static List<String> check(Panel panel) {
        List<String> problems = new ArrayList<>();
        if (panel.method() == null) {
            problems.add("method: one of TOTAL_SCORE, RANK_ORDER, CONVERTED_RANK");
        }
        if (panel.candidates().isEmpty()) {
            problems.add("candidates: at least one");
        }
        if (panel.criteria().isEmpty()) {
            problems.add("criteria: at least one, with weights summing to 100");
        }
        BigDecimal sum = BigDecimal.ZERO;
        Set<Integer> ids = new HashSet<>();
        for (Criterion criterion : panel.criteria()) {
            String name = "criterion " + criterion.id();
            if (!ids.add(criterion.id())) {
                problems.add(name + ": used twice");
            }
            if (criterion.name() == null || criterion.name().isBlank() || criterion.name().length() > 200) {
                problems.add(name + ": a name of 1 to 200 characters");
            }
            if (criterion.weight() == null || criterion.weight().signum() <= 0) {
                problems.add(name + ": weight must be above 0");
            } else {
                sum = sum.add(criterion.weight());
            }
            if (criterion.maxScore() == null || criterion.maxScore().signum() <= 0
                    || criterion.maxScore().compareTo(new BigDecimal(1000)) > 0) {
                problems.add(name + ": maximum score must be above 0 and at most 1000");
            }
        }
        if (!panel.criteria().isEmpty() && sum.compareTo(HUNDRED) != 0) {
            problems.add("criteria: weights sum to " + sum.stripTrailingZeros().toPlainString() + ", not 100");
        }
        Set<Integer> candidates = new HashSet<>();
        for (Candidate candidate : panel.candidates()) {
            if (!candidates.add(candidate.id())) {
                problems.add("candidate " + candidate.id() + ": used twice");
            }
            if (candidate.name() == null || candidate.name().isBlank() || candidate.name().length() > 200) {
                problems.add("candidate " + candidate.id() + ": a name of 1 to 200 characters");
            }
        }
        if (panel.passMark() != null && (panel.passMark().signum() < 0
                || panel.passMark().compareTo(HUNDRED) > 0)) {
            problems.add("pass mark: between 0 and 100");
        }
        if (panel.passMark() != null && panel.method() == ScoringMethod.RANK_ORDER) {
            problems.add("pass mark: needs scores; rank order has none");
        }
        return problems;
    }

    /**
     * What is wrong with a member's sheet, one line per problem: a candidate or criterion that
     * is not the panel's, a score missing or out of range, a candidate the member declared a
     * conflict for, ranks that are not 1 to the number of candidates judged, each once.
     */
    public static List<String> check(Panel panel, Sheet sheet, Set<Integer> conflicts) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Candidate> candidates = byId(panel.candidates(), Candidate::id);
        Map<Integer, Criterion> criteria = byId(panel.criteria(), Criterion::id);
        Set<Integer> judged = new TreeSet<>(candidates.keySet());
        judged.removeAll(conflicts);
        if (panel.method().scored()) {
            if (!sheet.ranks().isEmpty()) {
                problems.add("ranks: this review is scored per criterion, not ranked");
            }
            for (Integer candidate : sheet.scores().keySet()) {
                if (!candidates.containsKey(candidate)) {
                    problems.add("candidate " + candidate + ": not in this review");
                } else if (conflicts.contains(candidate)) {
                    problems.add("candidate " + candidate + ": you declared a conflict of interest for it");
                }
            }
            for (Integer candidate : judged) {
                Map<Integer, BigDecimal> scores = sheet.scores().getOrDefault(candidate, Map.of());
                for (Integer criterion : scores.keySet()) {
                    if (!criteria.containsKey(criterion)) {
                        problems.add("candidate " + candidate + ", criterion " + criterion + ": not in this review");
                    }
                }
                for (Criterion criterion : panel.criteria()) {
                    BigDecimal score = scores.get(criterion.id());
                    String where = "candidate " + candidate + ", criterion " + criterion.id();
                    if (score == null) {
                        problems.add(where + ": missing");
                    } else if (score.signum() < 0 || score.compareTo(criterion.maxScore()) > 0) {
                        problems.add(where + ": " + score.toPlainString() + " is outside 0 to "
                                + criterion.maxScore().stripTrailingZeros().toPlainString());
                    } else if (score.stripTrailingZeros().scale() > SCORE_DECIMALS) {
                        problems.add(where + ": at most " + SCORE_DECIMALS + " decimals");
                    }
                }
            }
        } else {
            if (!sheet.scores().isEmpty()) {
                problems.add("scores: this review is ranked, not scored");
            }
            for (Integer candidate : sheet.ranks().keySet()) {
                if (!candidates.containsKey(candidate)) {
                    problems.add("candidate " + candidate + ": not in this review");
                } else if (conflicts.contains(candidate)) {
                    problems.add("candidate " + candidate + ": you declared a conflict of interest for it");
                }
            }
            Set<Integer> used = new HashSet<>();
            for (Integer candidate : judged) {
                Integer rank = sheet.ranks().get(candidate);
                if (rank == null) {
                    problems.add("candidate " + candidate + ": rank missing");
                } else if (rank < 1 || rank > judged.size()) {
                    problems.add("candidate " + candidate + ": rank " + rank + " is outside 1 to " + judged.size());
                } else if (!used.add(rank)) {
                    problems.add("candidate " + candidate + ": rank " + rank + " given twice");
                }
            }
        }
        return problems;
    }

    // ---- result --------------------------------------------------------------------------

    /** The result of the sheets; every sheet must have passed {@link #check(Panel, Sheet, Set)}. */
    public static Result compute(Panel panel, List<Sheet> sheets) {
        ScoringMethod method = panel.method();
        List<MemberLine> lines = new ArrayList<>();
        Map<Integer, List<BigDecimal>> totals = new HashMap<>();
        Map<Integer, Map<Integer, List<BigDecimal>>> itemScores = new HashMap<>();
        if (method.scored()) {
            for (Sheet sheet : sheets) {
                sheet.scores().forEach((candidate, scores) -> {
                    totals.computeIfAbsent(candidate, c -> new ArrayList<>()).add(total(panel, scores));
                    scores.forEach((criterion, score) -> itemScores.computeIfAbsent(candidate, c -> new HashMap<>())
                            .computeIfAbsent(criterion, c -> new ArrayList<>()).add(score));
                });
            }
        }
        Map<Integer, BigDecimal> averageScore = new HashMap<>();
        totals.forEach((candidate, list) -> averageScore.put(candidate, average(list)));
        Set<Integer> eligible = new HashSet<>();
        for (Candidate candidate : panel.candidates()) {
            BigDecimal average = averageScore.get(candidate.id());
            boolean judged = method.scored() ? average != null : sheets.stream()
                    .anyMatch(sheet -> sheet.ranks().containsKey(candidate.id()));
            if (judged && (panel.passMark() == null || average == null
                    || average.compareTo(panel.passMark()) >= 0)) {
                eligible.add(candidate.id());
            }
        }

        Map<Integer, List<BigDecimal>> ranks = new HashMap<>();
        Map<Integer, Integer> firsts = new HashMap<>();
        for (Sheet sheet : sheets) {
            Map<Integer, BigDecimal> memberTotals = new LinkedHashMap<>();
            if (method.scored()) {
                sheet.scores().forEach((candidate, scores) -> memberTotals.put(candidate, total(panel, scores)));
            }
            Map<Integer, BigDecimal> memberRanks = switch (method) {
                case TOTAL_SCORE -> Map.of();
                case RANK_ORDER -> {
                    Map<Integer, BigDecimal> given = new HashMap<>();
                    sheet.ranks().forEach((candidate, rank) -> given.put(candidate, new BigDecimal(rank)));
                    yield given;
                }
                case CONVERTED_RANK -> converted(memberTotals, eligible);
            };
            memberRanks.forEach((candidate, rank) -> {
                ranks.computeIfAbsent(candidate, c -> new ArrayList<>()).add(rank);
                if (rank.compareTo(BigDecimal.ONE) == 0) {
                    firsts.merge(candidate, 1, Integer::sum);
                }
            });
            for (Integer candidate : sheet.candidates()) {
                lines.add(new MemberLine(sheet.member(), candidate, memberTotals.get(candidate),
                        memberRanks.get(candidate)));
            }
        }

        record Row(Candidate candidate, int members, BigDecimal average, BigDecimal rankSum,
                BigDecimal averageRank, int firsts, boolean eligible, List<BigDecimal> items) {
        }
        List<Criterion> byWeight = panel.criteria().stream()
                .sorted(Comparator.comparing(Criterion::weight).reversed()).toList();
        List<Row> rows = new ArrayList<>();
        for (Candidate candidate : panel.candidates()) {
            List<BigDecimal> given = ranks.getOrDefault(candidate.id(), List.of());
            BigDecimal rankSum = method == ScoringMethod.TOTAL_SCORE ? null
                    : given.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            int members = method.scored() ? totals.getOrDefault(candidate.id(), List.of()).size()
                    : given.size();
            List<BigDecimal> items = byWeight.stream().map(criterion -> average(itemScores
                    .getOrDefault(candidate.id(), Map.of()).getOrDefault(criterion.id(), List.of())))
                    .toList();
            rows.add(new Row(candidate, members, averageScore.get(candidate.id()), rankSum,
                    given.isEmpty() ? null : average(given), firsts.getOrDefault(candidate.id(), 0),
                    eligible.contains(candidate.id()), items));
        }

        // The chain of keys, best first; each key's step names what it decides.
        List<Map.Entry<Step, Comparator<Row>>> keys = new ArrayList<>();
        Comparator<BigDecimal> higherFirst = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder());
        Comparator<BigDecimal> lowerFirst = Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder());
        Comparator<Row> eligibleFirst = Comparator.comparing(row -> !row.eligible());
        if (method == ScoringMethod.TOTAL_SCORE) {
            keys.add(Map.entry(Step.SCORE, eligibleFirst.thenComparing(Row::average, higherFirst)));
        } else {
            keys.add(Map.entry(Step.RANK, eligibleFirst.thenComparing(Row::averageRank, lowerFirst)));
        }
        if (method.scored()) {
            for (int i = 0; i < byWeight.size(); i++) {
                int index = i;
                keys.add(Map.entry(Step.HIGHEST_WEIGHTED_CRITERION,
                        Comparator.comparing(row -> row.items().get(index), higherFirst)));
            }
        }
        if (method != ScoringMethod.TOTAL_SCORE) {
            keys.add(Map.entry(Step.FIRST_PLACES, Comparator.comparing(Row::firsts).reversed()));
        }
        Comparator<Row> order = keys.stream().map(Map.Entry::getValue).reduce(Comparator::thenComparing).orElseThrow();
        // Stable: rows equal on every key keep the panel's order, and share a place.
        rows.sort(order);

        List<Standing> standings = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Step separatedBy = null;
            int place = i + 1;
            if (i > 0) {
                Row before = rows.get(i - 1);
                separatedBy = Step.LOTS;
                for (Map.Entry<Step, Comparator<Row>> key : keys) {
                    if (key.getValue().compare(before, row) != 0) {
                        separatedBy = key.getKey();
                        break;
                    }
                }
                if (separatedBy == Step.LOTS) {
                    place = standings.get(i - 1).place();
                }
            }
            standings.add(new Standing(row.candidate().id(), row.members(), row.average(), row.rankSum(),
                    row.averageRank(), row.firsts(), row.eligible(), place, separatedBy));
        }
        List<Integer> tied = standings.stream()
                .filter(standing -> standing.place() == 1 && standing.eligible()).map(Standing::candidate).toList();
        Integer winner = tied.size() == 1 ? tied.get(0) : null;
        Step decidedBy = standings.size() > 1 ? standings.get(1).separatedBy() : null;
        return new Result(method, standings, lines, winner, tied.size() > 1 ? tied : List.of(), decidedBy);
    }

    /** A member's weighted total for one candidate: Σ score ÷ maximum × weight, to 4 places. */
    static BigDecimal total(Panel panel, Map<Integer, BigDecimal> scores) {
        BigDecimal total = BigDecimal.ZERO;
        for (Criterion criterion : panel.criteria()) {
            BigDecimal score = scores.get(criterion.id());
            if (score != null) {
                total = total.add(score.multiply(criterion.weight())
                        .divide(criterion.maxScore(), 10, RoundingMode.HALF_UP));
            }
        }
        return total.setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * One member's totals as ranks, eligible candidates only: the highest total is 1; equal
     * totals share the average of the places they take (two tied for first both get 1.5).
     */
    static Map<Integer, BigDecimal> converted(Map<Integer, BigDecimal> totals, Set<Integer> eligible) {
        List<Map.Entry<Integer, BigDecimal>> sorted = totals.entrySet().stream()
                .filter(entry -> eligible.contains(entry.getKey()))
                .sorted(Map.Entry.<Integer, BigDecimal>comparingByValue().reversed()).toList();
        Map<Integer, BigDecimal> ranks = new HashMap<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).getValue().compareTo(sorted.get(i).getValue()) == 0) {
                j++;
            }
            // Places i+1 .. j+1 averaged.
            BigDecimal rank = new BigDecimal(i + 1 + j + 1).divide(new BigDecimal(2), 1, RoundingMode.UNNECESSARY);
            for (int k = i; k <= j; k++) {
                ranks.put(sorted.get(k).getKey(), rank.stripTrailingZeros().scale() <= 0
                        ? rank.setScale(0, RoundingMode.UNNECESSARY) : rank);
            }
            i = j + 1;
        }
        return ranks;
    }

    private static BigDecimal average(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(new BigDecimal(values.size()), 4, RoundingMode.HALF_UP);
    }

    private static <T> Map<Integer, T> byId(List<T> items, Function<T, Integer> id) {
        Map<Integer, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}

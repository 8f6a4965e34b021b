package org.agencyworkspace.reviews;

/** How a review's sheets become a result (最有利標評選辦法 §11). */
public enum ScoringMethod {
    /**
     * 總評分法 (§12): each member scores every criterion; a member's total is the weighted sum
     * (score / maximum × weight, weights summing to 100); a candidate's result is the average of
     * its members' totals; highest wins; below the pass mark is not eligible.
     */
    TOTAL_SCORE,
    /** 序位法 (§15): each member ranks the candidates (1 = best); lowest rank sum wins. */
    RANK_ORDER,
    /**
     * 序位法 from scores: each member scores as in {@link #TOTAL_SCORE}; each member's totals are
     * converted to ranks (equal totals share the average of their places), then as {@link #RANK_ORDER}.
     */
    CONVERTED_RANK;

    /** Whether members enter scores per criterion (otherwise one rank per candidate). */
    public boolean scored() {
        return this != RANK_ORDER;
    }
}

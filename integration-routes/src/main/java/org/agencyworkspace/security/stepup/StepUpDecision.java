package org.agencyworkspace.security.stepup;

import java.time.Instant;

/**
 * Whether the current authentication is stepped up enough, and why not when it is not.
 *
 * @param outcome the verdict
 * @param level the level the authentication reached ({@code acr}), null when unknown
 * @param requiredLevel the level that is required
 * @param authenticatedAt when the authentication was made, null when unknown
 * @param expiresAt when the step-up lapses; null when it is not stepped up at the required level
 */
public record StepUpDecision(Outcome outcome, String level, String requiredLevel,
        Instant authenticatedAt, Instant expiresAt) {

    /** The verdict; every outcome but {@link #SATISFIED} refuses. */
    public enum Outcome {
        SATISFIED,
        /** The sign-in names no level. */
        LEVEL_MISSING,
        /** The sign-in names a level the workspace does not know. */
        LEVEL_UNKNOWN,
        /** A known level below the required one. */
        LEVEL_TOO_LOW,
        /** The required level, but the sign-in does not say when it was made. */
        TIME_MISSING,
        /** The required level, made longer ago than the step-up window. */
        LAPSED
    }

    public boolean satisfied() {
        return outcome == Outcome.SATISFIED;
    }
}

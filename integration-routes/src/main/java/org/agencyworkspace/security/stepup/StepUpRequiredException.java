package org.agencyworkspace.security.stepup;

import org.agencyworkspace.platform.RefusedException;

/**
 * A recent re-authentication is needed first. Nothing was done; a page request is answered with
 * the way to re-authenticate ({@link StepUpChallenges}), an API with 403.
 */
public class StepUpRequiredException extends RefusedException {

    private static final long serialVersionUID = 1L;

    private final transient StepUpDecision decision;

    public StepUpRequiredException(StepUpDecision decision) {
        super(Kind.FORBIDDEN, "Step-up required", "a recent re-authentication is required for this"
                + (decision == null ? " (none is possible outside a person's request)"
                        : " (" + decision.outcome().name().toLowerCase(java.util.Locale.ROOT) + ")"));
        this.decision = decision;
    }

    /** The policy's verdict on the current sign-in; null outside a person's request. */
    public StepUpDecision decision() {
        return decision;
    }
}

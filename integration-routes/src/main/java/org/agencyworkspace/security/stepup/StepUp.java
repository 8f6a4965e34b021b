package org.agencyworkspace.security.stepup;

/**
 * The step-up rule as a service states it: "this needs a recent re-authentication". A service
 * that decides a file or an action needs one calls {@link #require()}; it never takes a flag
 * from the web layer saying it happened. The web layer answers the refusal
 * ({@link StepUpChallenges}): a person is sent to re-authenticate and brought back, a bearer
 * token gets the standard error.
 */
@FunctionalInterface
public interface StepUp {

    /**
     * Returns when the current sign-in re-authenticated at the required level within the window.
     *
     * @throws StepUpRequiredException otherwise, and always outside a person's request (a
     *     route or a command cannot re-authenticate)
     */
    void require();
}

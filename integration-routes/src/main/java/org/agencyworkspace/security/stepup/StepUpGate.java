package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one call a feature makes before a sensitive action (signing, opening a classified file):
 *
 * <pre>{@code
 * if (!stepUp.requireStepUp(request, response)) {
 *     return null; // the person is on the way to re-authenticate, or was refused
 * }
 * }</pre>
 *
 * The request continues only when the person re-authenticated at the required level within
 * the window; otherwise they are sent to re-authenticate and brought back to the same address.
 */
public class StepUpGate {

    private final StepUpPolicy policy;
    private final StepUpMethod method;

    public StepUpGate(StepUpPolicy policy, StepUpMethod method) {
        this.policy = policy;
        this.method = method;
    }

    /**
     * @return true when the request may go on; false when the response was already sent (a
     *     redirect to re-authenticate, or a refusal)
     */
    public boolean requireStepUp(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        StepUpDecision decision = policy.evaluate(method.evidence(request, authentication));
        if (decision.satisfied()) {
            method.satisfied(request, authentication, decision);
            return true;
        }
        method.challenge(request, response, authentication, decision);
        return false;
    }

    /** The current request's step-up state, without acting on it. */
    public StepUpDecision status(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return policy.evaluate(method.evidence(request, authentication));
    }
}

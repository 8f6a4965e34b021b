package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The step-up rule ({@link StepUp#require()}) for the current request: the request continues
 * only when the person re-authenticated at the required level within the window; otherwise
 * {@link StepUpChallenges} sends them to re-authenticate and back to the same address.
 */
public class StepUpGate implements StepUp {

    private final StepUpPolicy policy;
    private final StepUpMethod method;

    public StepUpGate(StepUpPolicy policy, StepUpMethod method) {
        this.policy = policy;
        this.method = method;
    }

    /**
     * The rule for services ({@link StepUp}): the current request's sign-in must be stepped up.
     * Read from the request bound to this thread; with none (a route, a command) it is refused.
     */
    @Override
    public void require() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new StepUpRequiredException(null);
        }
        HttpServletRequest request = attributes.getRequest();
        Authentication authentication = signedIn();
        StepUpDecision decision = decide(request, authentication);
        if (!decision.satisfied()) {
            throw new StepUpRequiredException(decision);
        }
        method.satisfied(request, authentication, decision);
    }

    /** Answers a request that is not stepped up: the way to re-authenticate, or a refusal. */
    public void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authentication authentication = signedIn();
        method.challenge(request, response, authentication, decide(request, authentication));
    }

    /** The current request's step-up state, without acting on it. */
    public StepUpDecision status(HttpServletRequest request) {
        return decide(request, signedIn());
    }

    private StepUpDecision decide(HttpServletRequest request, Authentication authentication) {
        return policy.evaluate(method.evidence(request, authentication));
    }

    private static Authentication signedIn() {
        return SecurityContextHolder.getContext().getAuthentication();
    }
}

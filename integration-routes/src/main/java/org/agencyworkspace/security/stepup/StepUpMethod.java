package org.agencyworkspace.security.stepup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;

/**
 * How one sign-in mode proves and renews a step-up: Keycloak's {@code acr} and
 * {@code auth_time} with a new authorization request, or a TOTP code typed again locally.
 */
public interface StepUpMethod {

    /** What the current authentication proves. */
    AuthenticationEvidence evidence(HttpServletRequest request, Authentication authentication);

    /** Called when the policy is satisfied, e.g. to close a step-up that was under way. */
    void satisfied(HttpServletRequest request, Authentication authentication,
            StepUpDecision decision);

    /**
     * Answers a request that is not stepped up: sends the person to re-authenticate and back,
     * or refuses. The response is complete when this returns.
     */
    void challenge(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication, StepUpDecision decision) throws IOException;
}

package org.agencyworkspace.security.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.stepup.AuthenticationEvidence;
import org.agencyworkspace.security.stepup.StepUpDecision;
import org.agencyworkspace.security.stepup.StepUpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Step-up without Keycloak: the person types a current TOTP code again, and the time is kept in
 * the session. A local sign-in (password and TOTP) counts as the lowest level, a code typed again
 * as the required level from that moment.
 */
public final class LocalStepUpMethod implements StepUpMethod {

    static final String STEPPED_UP_AT = LocalStepUpMethod.class.getName() + ".steppedUpAt";
    static final String CODE_PAGE = "/step-up/totp";

    private final SecurityProperties.StepUp settings;
    private final Clock clock;
    private final RequestCache requests = new HttpSessionRequestCache();

    public LocalStepUpMethod(SecurityProperties.StepUp settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public AuthenticationEvidence evidence(HttpServletRequest request,
            Authentication authentication) {
        HttpSession session = request.getSession(false);
        Object at = session == null ? null : session.getAttribute(STEPPED_UP_AT);
        return at instanceof Instant steppedUpAt
                ? new AuthenticationEvidence(settings.requiredAcr(), steppedUpAt)
                : new AuthenticationEvidence(settings.acrLevels().get(0), null);
    }

    @Override
    public void satisfied(HttpServletRequest request, Authentication authentication,
            StepUpDecision decision) {
        // The code page audits the step-up when it is made.
    }

    @Override
    public void challenge(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication, StepUpDecision decision) throws IOException {
        requests.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + CODE_PAGE);
    }

    /** A current code was typed: the session is stepped up from now. */
    void record(HttpServletRequest request) {
        request.getSession().setAttribute(STEPPED_UP_AT, clock.instant());
    }
}

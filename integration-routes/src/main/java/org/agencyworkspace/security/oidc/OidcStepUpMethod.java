package org.agencyworkspace.security.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.AuthenticationEvidence;
import org.agencyworkspace.security.stepup.StepUpAudit;
import org.agencyworkspace.security.stepup.StepUpDecision;
import org.agencyworkspace.security.stepup.StepUpMethod;
import org.agencyworkspace.security.stepup.StepUpPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Step-up through Keycloak. The evidence is the ID token's {@code acr} and {@code auth_time}
 * (an API client's access token carries the same claims). A browser that falls short is sent
 * through a new authorization request with {@code acr_values} and {@code max_age}, then back to
 * the page it asked for. The parameters can be changed in the browser, so only the token that
 * comes back counts: if it still falls short, the step-up failed.
 */
final class OidcStepUpMethod implements StepUpMethod {

    private static final Logger LOG = LoggerFactory.getLogger(OidcStepUpMethod.class);
    /** The ID token the step-up started from; a different one means Keycloak answered. */
    static final String STARTED_FROM = OidcStepUpMethod.class.getName() + ".startedFrom";
    private static final String METHOD = "oidc";

    private final StepUpPolicy policy;
    private final StepUpAudit audit;
    private final String registrationId;
    private final RequestCache requests = new HttpSessionRequestCache();

    OidcStepUpMethod(StepUpPolicy policy, StepUpAudit audit, String registrationId) {
        this.policy = policy;
        this.audit = audit;
        this.registrationId = registrationId;
    }

    @Override
    public AuthenticationEvidence evidence(HttpServletRequest request,
            Authentication authentication) {
        Map<String, Object> claims = claimsOf(authentication);
        return new AuthenticationEvidence(claims.get("acr") instanceof String acr ? acr : null,
                instant(claims.get("auth_time")));
    }

    @Override
    public void satisfied(HttpServletRequest request, Authentication authentication,
            StepUpDecision decision) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(STARTED_FROM) != null) {
            session.removeAttribute(STARTED_FROM);
            audit.success(request, login(authentication), METHOD, decision);
        }
    }

    @Override
    public void challenge(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication, StepUpDecision decision) throws IOException {
        if (authentication instanceof JwtAuthenticationToken) {
            refuseBearer(request, response, authentication, decision);
            return;
        }
        String idToken = authentication != null
                && authentication.getPrincipal() instanceof OidcUser user
                ? user.getIdToken().getTokenValue() : "";
        HttpSession session = request.getSession();
        Object startedFrom = session.getAttribute(STARTED_FROM);
        if (startedFrom != null && !startedFrom.equals(idToken)) {
            session.removeAttribute(STARTED_FROM);
            audit.failure(request, login(authentication), METHOD, decision,
                    "re-authentication returned " + describe(decision));
            LOG.info("Step-up for {} failed: {}", login(authentication), describe(decision));
            response.sendRedirect(request.getContextPath() + "/step-up/refused");
            return;
        }
        session.setAttribute(STARTED_FROM, idToken);
        requests.saveRequest(request, response);
        response.sendRedirect(request.getContextPath()
                + StepUpAuthorizationRequestResolver.AUTHORIZATION_PATH + "/" + registrationId
                + "?" + StepUpAuthorizationRequestResolver.STEP_UP_PARAMETER);
    }

    /** API clients cannot be redirected: RFC 9470 tells them what to ask Keycloak for. */
    private void refuseBearer(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication, StepUpDecision decision) {
        audit.failure(request, login(authentication), METHOD + "-bearer", decision,
                "access token " + describe(decision));
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"A recent authentication at a higher level is required\", "
                + "acr_values=\"" + policy.requiredLevel() + "\", max_age="
                + policy.windowSeconds());
    }

    private static Map<String, Object> claimsOf(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            return user.getIdToken().getClaims();
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return token.getToken().getClaims();
        }
        return Map.of();
    }

    /** {@code auth_time} is an Instant in a decoded ID token and seconds in a raw JWT. */
    private static Instant instant(Object authTime) {
        if (authTime instanceof Instant instant) {
            return instant;
        }
        if (authTime instanceof Date date) {
            return date.toInstant();
        }
        return authTime instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
    }

    private static String describe(StepUpDecision decision) {
        return decision.outcome() + " (acr " + decision.level() + ", auth_time "
                + decision.authenticatedAt() + ", required " + decision.requiredLevel() + ")";
    }

    private static String login(Authentication authentication) {
        return CurrentUser.from(authentication).map(WorkspaceUser::login)
                .orElse(authentication == null ? "anonymous" : authentication.getName());
    }
}

package org.agencyworkspace.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.web.UserLoggingContextFilter;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** What both sign-in modes share: public paths, admin paths, headers and API error answers. */
public final class SecurityRules {

    /**
     * Reachable without signing in. Actuator paths have their own rules
     * ({@link ActuatorSecurityConfiguration}).
     */
    public static final String[] PUBLIC_PATHS = {
        "/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
        // the agency CA's CRL and certificate: validators of other agencies fetch them unsigned-in
        "/signing/crl/**",
        // the installable app's manifest, worker and offline page: browsers fetch them without the
        // session (icons are in /img), and a worker registered from the sign-in page must neither
        // fail to install nor become the page the sign-in returns to. None holds any data.
        "/manifest.webmanifest", "/sw.js", "/offline.html"
    };

    /** Operators only: administration, and the API map (OpenAPI document and Swagger UI). */
    public static final String[] ADMIN_PATHS = {
        "/admin/**", "/api/admin/**",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"
    };

    /** API calls get status codes, never a redirect to a login page. */
    public static final RequestMatcher API = AntPathRequestMatcher.antMatcher("/api/**");

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityRules() {
    }

    /**
     * Applies the shared headers, API answers, session guard and logging context to
     * {@code http}. Unsigned requests for pages go to the sign-in page; for the API they get
     * {@code apiEntryPoint}.
     */
    public static void applyCommon(HttpSecurity http, AuthenticationEntryPoint apiEntryPoint,
            SessionGuard guard, AuditTrail audit) throws Exception {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
        entryPoints.put(API, apiEntryPoint);
        DelegatingAuthenticationEntryPoint entryPoint =
                new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        http.headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(entryPoint)
                        .defaultAccessDeniedHandlerFor((request, response, denied) ->
                                problem(response, HttpServletResponse.SC_FORBIDDEN,
                                        "not allowed"), API))
                .addFilterAfter(new UserLoggingContextFilter(), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SessionGuardFilter(guard, audit), UserLoggingContextFilter.class)
                .addFilterAfter(new GuestBoundaryFilter(audit), SessionGuardFilter.class);
    }

    private static void problem(HttpServletResponse response, int status, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}

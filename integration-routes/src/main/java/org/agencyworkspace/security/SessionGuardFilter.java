package org.agencyworkspace.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session (or refuses a bearer token) whose person was disabled or lost clearance or a
 * role since signing in: the session is invalidated, the refusal audited, and the caller told so
 * (401 with the reason for the API and bearer tokens, the sign-in page for a browser). Runs after
 * authentication, before any authorisation decision.
 */
final class SessionGuardFilter extends OncePerRequestFilter {

    private final SessionGuard guard;
    private final AuditTrail audit;

    SessionGuardFilter(SessionGuard guard, AuditTrail audit) {
        this.guard = guard;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        Optional<WorkspaceUser> user = CurrentUser.get();
        Optional<String> refusal = user.flatMap(guard::refusal);
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String login = user.get().login();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        audit.record(AuditEvent.of("session.end", "authentication")
                .actor(login, login)
                .failure(refusal.get())
                .target("account", login)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .details(Map.of("path", request.getRequestURI()))
                .build());
        if (SecurityRules.API.matches(request) || request.getHeader("Authorization") != null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":401,\"detail\":\"signed out: "
                    + refusal.get() + "; sign in again\"}");
        } else {
            response.sendRedirect(request.getContextPath() + "/login?ended");
        }
    }
}

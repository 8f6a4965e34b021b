package org.agencyworkspace.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps guests (outside reviewers, {@link Authorities#REVIEW_GUEST}) on the guest paths: a
 * guest's session reaching any staff page or API is refused with 403 and audited
 * ({@code review.guest.staff-path}), whatever the staff chain would have decided. Runs in the
 * staff chains of both sign-in modes; the guest paths have their own chain.
 */
public final class GuestBoundaryFilter extends OncePerRequestFilter {

    /** What a guest may reach outside the guest paths: static files, errors, signing out. */
    private static final String[] OPEN = {"/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
        "/error", "/logout"};
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final AuditTrail audit;

    GuestBoundaryFilter(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!isGuest(authentication)) {
            // Staff (nearly every request): nothing to match.
            chain.doFilter(request, response);
            return;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (java.util.Arrays.stream(OPEN).anyMatch(pattern -> PATHS.match(pattern, path))) {
            chain.doFilter(request, response);
            return;
        }
        String who = authentication.getName();
        audit.record(AuditEvent.of("review.guest.staff-path", "authorization")
                .actor(who, who)
                .target("path", path.length() > 200 ? path.substring(0, 200) : path)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .failure("guests reach only their reviews")
                .details(Map.of("method", request.getMethod()))
                .build());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        if (SecurityRules.API.matches(request)) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":403,\"detail\":\"guests reach only their reviews\"}");
        } else {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write("403: guests reach only their reviews (/guest)");
        }
    }

    private static boolean isGuest(Authentication authentication) {
        if (authentication == null) {
            return false;
        }
        for (var authority : authentication.getAuthorities()) {
            if (Authorities.REVIEW_GUEST.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}

package org.agencyworkspace.reviews;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.Authorities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The guests' own security chain, the same in both sign-in modes: the guest paths only
 * ({@code /guest/**}, {@code /api/guest/**}); sign-in by invitation link and e-mailed code or
 * TOTP, or, with Keycloak's guest realm ({@link GuestSignOn}), through that realm with password
 * and TOTP; everything else needs {@link Authorities#REVIEW_GUEST}. A staff session reaching a guest
 * path is refused (403). Each request re-checks that the guest is still active: once all its
 * reviews are closed the session ends and the attempt is audited as after close.
 */
@Configuration(proxyBeanMethods = false)
class GuestSecurityConfiguration {

    static final String[] OPEN_PATHS = {"/guest/login", "/guest/code", "/guest/invitation/**", "/guest/password"};

    @Bean
    @Order(2)
    SecurityFilterChain guestSecurityFilterChain(HttpSecurity http, ReviewGuests guests, AuditTrail audit,
            ObjectProvider<GuestSignOn> realmSignOn) throws Exception {
        http.securityMatcher("/guest/**", "/api/guest/**")
                .securityContext(context -> context.securityContextRepository(
                        new HttpSessionSecurityContextRepository()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN_PATHS).permitAll()
                        .anyRequest().hasAuthority(Authorities.REVIEW_GUEST))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
                                + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'")))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                AntPathRequestMatcher.antMatcher("/api/guest/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/guest/login"),
                                AntPathRequestMatcher.antMatcher("/guest/**"))
                        .accessDeniedHandler((request, response, denied) -> {
                            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                            response.getWriter().write("{\"status\":403,\"detail\":\"for guest reviewers only\"}");
                        }))
                .logout(logout -> logout.logoutUrl("/guest/logout").logoutSuccessUrl("/guest/login?out"))
                .addFilterAfter(new ActiveGuestFilter(guests, audit), AnonymousAuthenticationFilter.class);
        GuestSignOn signOn = realmSignOn.getIfAvailable();
        if (signOn != null) {
            signOn.apply(http);
        }
        return http.build();
    }

    /** Ends the session of a guest that expired or whose reviews all closed, and audits the attempt. */
    static final class ActiveGuestFilter extends OncePerRequestFilter {

        private final ReviewGuests guests;
        private final AuditTrail audit;

        ActiveGuestFilter(ReviewGuests guests, AuditTrail audit) {
            this.guests = guests;
            this.audit = audit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !(authentication.getPrincipal() instanceof GuestPrincipal guest)
                    || guests.active(guest.guestId())) {
                chain.doFilter(request, response);
                return;
            }
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            audit.record(AuditEvent.of("review.guest.after-close", "authentication")
                    .actor(guest.getName(), guest.displayName()).target("guest", guest.guestId())
                    .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                    .failure("the guest's reviews are closed").details(Map.of("path", request.getRequestURI()))
                    .build());
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter().write("{\"status\":401,\"detail\":\"the review is closed; guest access ended\"}");
            } else {
                response.sendRedirect(request.getContextPath() + "/guest/login?closed");
            }
        }
    }
}

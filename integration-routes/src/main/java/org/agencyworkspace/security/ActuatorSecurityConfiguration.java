package org.agencyworkspace.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator, on the application port or the management port alike: only the bare health status
 * and the liveness and readiness probes are public. Health details, metrics (Prometheus) and
 * every other endpoint need a signed-in administrator or the metrics bearer token
 * ({@code workspace.security.metrics.bearer-token}, compared in constant time). Refusals are
 * 401 or 403 with the reason, and audited.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurityConfiguration {

    /** Reachable without signing in: status only, never which component is down. */
    static final String[] PUBLIC = {
        "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
    };
    /** What the metrics token grants: metrics and health details, nothing else. */
    static final String METRICS_ROLE = "METRICS";

    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http,
            SecurityProperties security, AuditTrail audit, SessionGuard guard) throws Exception {
        http.securityMatcher("/actuator", "/actuator/**")
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new MetricsToken(security.metrics(), audit),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SessionGuardFilter(guard, audit),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics",
                                "/actuator/metrics/**", "/actuator/health/**")
                                .hasAnyRole(Authorities.ADMIN_ROLE, METRICS_ROLE)
                        .anyRequest().hasRole(Authorities.ADMIN_ROLE))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, denied) ->
                                refuse(request, response, audit, 401,
                                        "sign in as an administrator or send the metrics token"))
                        .accessDeniedHandler((request, response, denied) ->
                                refuse(request, response, audit, 403,
                                        "administrators only")));
        return http.build();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response,
            AuditTrail audit, int status, String detail) throws IOException {
        String login = CurrentUser.loginOrAnonymous();
        audit.record(AuditEvent.of("actuator.refused", "authentication")
                .actor(login, login)
                .failure(detail)
                .target("endpoint", request.getRequestURI())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .build());
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    /** Admits a scraper whose bearer token is the configured metrics token; refuses a wrong one. */
    static final class MetricsToken extends OncePerRequestFilter {

        private final byte[] expected;
        private final AuditTrail audit;

        MetricsToken(SecurityProperties.Metrics metrics, AuditTrail audit) {
            this.expected = metrics.tokenSet() ? digest(metrics.bearerToken().strip()) : null;
            this.audit = audit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                if (expected == null
                        || !MessageDigest.isEqual(expected, digest(header.substring(7).strip()))) {
                    refuse(request, response, audit, 401, "wrong metrics token");
                    return;
                }
                // For this request only: a scraper has no session.
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated("metrics", null,
                                List.of(new SimpleGrantedAuthority("ROLE_" + METRICS_ROLE))));
            }
            chain.doFilter(request, response);
        }

        private static byte[] digest(String token) {
            try {
                // Comparing digests keeps the comparison constant-time whatever the lengths.
                return MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}

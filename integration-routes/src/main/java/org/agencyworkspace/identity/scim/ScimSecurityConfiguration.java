package org.agencyworkspace.identity.scim;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.agencyworkspace.identity.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The SCIM endpoint is for provisioning clients (an identity system, an HR feed), not people:
 * stateless, no CSRF, and a bearer token compared in constant time with
 * {@code workspace.identity.scim.bearer-token}. With no token configured every call is refused.
 */
@Configuration(proxyBeanMethods = false)
public class ScimSecurityConfiguration {

    static final String SCIM_CLIENT = "SCIM_CLIENT";

    @Bean
    @Order(0)
    SecurityFilterChain scimSecurityFilterChain(HttpSecurity http, IdentityProperties properties)
            throws Exception {
        http.securityMatcher("/scim/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenCheck(properties.scim()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(SCIM_CLIENT))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, denied) ->
                                refuse(response, "a valid bearer token is required"))
                        .accessDeniedHandler((request, response, denied) ->
                                refuse(response, "a valid bearer token is required")));
        return http.build();
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"scim\"");
        response.setContentType(ScimSchemas.MEDIA_TYPE);
        response.getWriter().write(ScimErrors.body(401, null, detail).toString());
    }

    /** Admits a request whose bearer token is the configured one. */
    static final class BearerTokenCheck extends OncePerRequestFilter {
        private final byte[] expected;

        BearerTokenCheck(IdentityProperties.Scim scim) {
            this.expected = scim.enabled() ? digest(scim.bearerToken()) : null;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                FilterChain chain) throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (expected != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(expected, digest(header.substring(7).strip()))) {
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated("scim-client", null,
                                List.of(new SimpleGrantedAuthority(SCIM_CLIENT))));
            }
            chain.doFilter(request, response);
        }

        private static byte[] digest(String token) {
            try {
                // Comparing digests keeps the comparison constant-time whatever the lengths.
                return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from the JVM", e);
            }
        }
    }
}

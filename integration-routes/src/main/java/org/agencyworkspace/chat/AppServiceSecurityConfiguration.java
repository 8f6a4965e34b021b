package org.agencyworkspace.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application-service API is for the homeserver, not people: stateless, no CSRF, no sign-in.
 * {@link AppServiceController} checks the {@code hs_token} on every call itself, so it can answer
 * with the Matrix error codes the homeserver expects.
 */
@Configuration(proxyBeanMethods = false)
public class AppServiceSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain appServiceSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/_matrix/app/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }
}

package org.agencyworkspace.files.editing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.agencyworkspace.connector.office.OnlyOfficeCommands;
import org.agencyworkspace.connector.office.OnlyOfficeJwt;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.connector.office.WopiDiscoveryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The editors' side of editing. The WOPI endpoints and the ONLYOFFICE callback are called by
 * the editors' servers, not by people: no session, no CSRF, no sign-in page; each request
 * proves itself with its access token (and proof signature) or JWT (and fetch token), checked in
 * the handler.
 */
@Configuration(proxyBeanMethods = false)
public class EditingConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EditingConfiguration.class);

    /** Paths only the editors' servers call. */
    static final String[] EDITOR_PATHS = {"/wopi/**", "/api/files/editing/onlyoffice/callback/**",
        OnlyOfficeDownloads.PATH + "**"};

    @Bean
    @Order(1)
    SecurityFilterChain editorSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(EDITOR_PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    WopiAccessTokens wopiAccessTokens(EditingProperties properties) {
        String secret = properties.tokenSecret();
        if (secret == null || secret.isBlank()) {
            LOG.warn("workspace.editing.token-secret is not set: editing tokens use a random secret "
                    + "and open editors must be reopened after a restart");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
        }
        return new WopiAccessTokens(secret);
    }

    @Bean
    EditorServers editorServers(EditingProperties properties, Clock clock) {
        WopiDiscoveryClient discovery = properties.collabora().enabled()
                ? new WopiDiscoveryClient(properties.collabora().url(),
                        properties.collabora().discoveryMaxAge(), Duration.ofSeconds(10), clock)
                : null;
        OnlyOfficeJwt jwt = null;
        OnlyOfficeCommands commands = null;
        if (properties.onlyoffice().enabled()) {
            jwt = new OnlyOfficeJwt(properties.onlyoffice().jwtSecret(), clock);
            commands = new OnlyOfficeCommands(properties.onlyoffice().url(), jwt, Duration.ofSeconds(10));
        }
        return new EditorServers(discovery, jwt, commands);
    }

    /**
     * The configured editors' clients; null parts are editors not configured.
     *
     * @param collaboraDiscovery Collabora's discovery
     * @param onlyOfficeJwt ONLYOFFICE's JWTs
     * @param onlyOfficeCommands ONLYOFFICE's command service
     */
    public record EditorServers(WopiDiscoveryClient collaboraDiscovery, OnlyOfficeJwt onlyOfficeJwt,
            OnlyOfficeCommands onlyOfficeCommands) {
    }
}

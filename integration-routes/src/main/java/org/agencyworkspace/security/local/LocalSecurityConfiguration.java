package org.agencyworkspace.security.local;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.SecurityRules;
import org.agencyworkspace.security.SessionGuard;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Embedded sign-in: local accounts with a bcrypt password, then a TOTP code (enrolled at first
 * sign-in), lockout after repeated failures and a per-address throttle.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "local", matchIfMissing = true)
public class LocalSecurityConfiguration {

    /** bcrypt cost 12: about a quarter second per check, slow for guessing, fine for people. */
    private static final int BCRYPT_COST = 12;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_COST);
    }

    @Bean
    SecretBox totpSecretBox(SecurityProperties security, WorkspaceProperties workspace) {
        Path keyFile = security.local().keyFile() != null ? security.local().keyFile()
                : workspace.dataDir().resolve("workspace.key");
        return SecretBox.fromKeyFile(keyFile);
    }

    @Bean
    TotpCodes totpCodes(Clock clock, SecurityProperties security) {
        return new TotpCodes(clock, security.local().totpIssuer());
    }

    @Bean
    EnrolmentCodes enrolmentCodes(JdbcClient jdbc, Clock clock, SecurityProperties security) {
        return new EnrolmentCodes(jdbc, clock, security.local().enrolmentCodeLifetime());
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties security, Clock clock) {
        return new LoginThrottle(security.loginThrottle().maxFailuresPerAddress(),
                security.loginThrottle().window(), clock);
    }

    @Bean
    LocalStepUpMethod localStepUpMethod(SecurityProperties security, Clock clock) {
        return new LocalStepUpMethod(security.stepUp(), clock);
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    LocalSignIn localSignIn(LocalAccounts accounts, LoginThrottle throttle, AuditTrail audit,
            SecurityContextRepository contexts, SecurityProperties security, Clock clock) {
        return new LocalSignIn(accounts, throttle, audit, contexts, security, clock);
    }

    /** Someone between password and code who opens another page is sent to the code step. */
    private static void codeStepOrForbidden(HttpServletRequest request,
            HttpServletResponse response, AccessDeniedException denied) throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean codePending = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> Authorities.MFA_PENDING.equals(authority.getAuthority()));
        if (codePending) {
            response.sendRedirect(request.getContextPath() + "/login/totp");
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }

    @Bean
    SecurityFilterChain localSecurityFilterChain(HttpSecurity http, LocalAccounts accounts,
            PasswordEncoder passwords, LocalSignIn signIn, SecurityContextRepository contexts,
            Clock clock, SessionGuard guard, AuditTrail audit,
            ObjectProvider<LogoutHandler> logoutHandlers) throws Exception {
        DaoAuthenticationProvider passwordStep =
                new DaoAuthenticationProvider(new LocalAccountDetailsService(accounts, clock));
        passwordStep.setPasswordEncoder(passwords);

        SecurityRules.applyCommon(http, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), guard,
                audit);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(SecurityRules.PUBLIC_PATHS).permitAll()
                        .requestMatchers("/login/totp", "/login/totp/**")
                                .hasAuthority(Authorities.MFA_PENDING)
                        .requestMatchers(SecurityRules.ADMIN_PATHS).hasRole(Authorities.ADMIN_ROLE)
                        .anyRequest().hasAuthority(Authorities.WORKSPACE_USER))
                .securityContext(context -> context.securityContextRepository(contexts))
                .authenticationProvider(passwordStep)
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(LocalLoginHandlers.passwordAccepted(signIn))
                        .failureHandler(LocalLoginHandlers.passwordRefused(signIn)))
                .addFilterBefore(new LocalLoginHandlers.ThrottleFilter(signIn),
                        UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> {
                    logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout");
                    logoutHandlers.orderedStream().forEach(logout::addLogoutHandler);
                })
                .exceptionHandling(errors -> errors.defaultAccessDeniedHandlerFor(
                        LocalSecurityConfiguration::codeStepOrForbidden, AnyRequestMatcher.INSTANCE));
        return http.build();
    }
}

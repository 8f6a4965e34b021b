package org.agencyworkspace.security.oidc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.Authorities;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.SecurityRules;
import org.agencyworkspace.security.SessionGuard;
import org.agencyworkspace.security.WorkspacePrincipal;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.security.stepup.StepUpAudit;
import org.agencyworkspace.security.stepup.StepUpMethod;
import org.agencyworkspace.security.stepup.StepUpPolicy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Single sign-on through an OpenID Connect provider (Keycloak): authorization code with PKCE for
 * the browser, bearer tokens for the APIs. Endpoints follow Keycloak's layout under the issuer,
 * so the workspace starts even while the provider is down; signing keys are fetched on first use.
 * MFA is the provider's job: the shipped realm requires an OTP, and a step-up asks Keycloak for
 * the higher level ({@link StepUpAuthorizationRequestResolver}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "workspace.security.mode", havingValue = "oidc")
public class OidcSecurityConfiguration {

    static final String REGISTRATION_ID = "keycloak";

    @Bean
    TokenClaims tokenClaims(SecurityProperties security) {
        return new TokenClaims(security.oidc());
    }

    @Bean
    StepUpMethod oidcStepUpMethod(StepUpPolicy policy, StepUpAudit audit) {
        return new OidcStepUpMethod(policy, audit, REGISTRATION_ID);
    }

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(SecurityProperties security) {
        SecurityProperties.Oidc oidc = security.oidc();
        String issuer = oidc.issuerUri().toString().replaceAll("/+$", "");
        ClientRegistration registration = keycloakRegistration(REGISTRATION_ID, issuer, oidc.clientId(),
                        oidc.clientSecret(), "{baseUrl}/login/oauth2/code/{registrationId}")
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint",
                        issuer + "/protocol/openid-connect/logout"))
                .clientName("Keycloak")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    /**
     * A confidential client of a Keycloak realm ({@code issuer}), authorization code, with the
     * endpoints of Keycloak's layout under the issuer (nothing fetched at start). Also used for the
     * guest reviewers' realm.
     */
    public static ClientRegistration.Builder keycloakRegistration(String registrationId, String issuer,
            String clientId, String clientSecret, String redirectUri) {
        String endpoints = issuer + "/protocol/openid-connect";
        return ClientRegistration.withRegistrationId(registrationId)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope("openid", "profile", "email")
                .authorizationUri(endpoints + "/auth")
                .tokenUri(endpoints + "/token")
                .jwkSetUri(endpoints + "/certs")
                .userInfoUri(endpoints + "/userinfo")
                .issuerUri(issuer);
    }

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties security) {
        String issuer = security.oidc().issuerUri().toString().replaceAll("/+$", "");
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                audienceValidator(security.oidc().audience())));
        return decoder;
    }

    /** A token meant for another service of the realm is not accepted by the workspace APIs. */
    static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audiences -> audiences != null && audiences.contains(audience));
    }

    /**
     * Maps the ID token's roles and clearance into the session's user and authorities, and
     * records the person in the staff directory so group messages reach them. A person whose
     * directory entry is switched off (a leaver whose Keycloak account could not be disabled yet)
     * is refused here: a sign-in never switches the entry back on.
     */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(TokenClaims claims,
            AuditTrail audit, LocalAccounts accounts) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser loaded = standard.loadUser(request);
            WorkspaceUser user = claims.user(loaded.getClaims());
            if (accounts.find(user.login()).filter(account -> !account.enabled()).isPresent()) {
                audit.record(AuditEvent.of("login.failure", "authentication")
                        .actor(user.login(), user.login())
                        .failure("account disabled")
                        .target("account", user.login())
                        .details(Map.of("method", "oidc"))
                        .build());
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "account disabled in the workspace", null));
            }
            accounts.rememberSingleSignOn(user.login(), user.displayName(), loaded.getEmail(),
                    user.clearance(), user.roles(), user.departments());
            audit.record(AuditEvent.of("login.success", "authentication")
                    .actor(user.login(), user.login())
                    .target("account", user.login())
                    .details(Map.of("method", "oidc", "acr",
                            String.valueOf(loaded.getClaims().get("acr"))))
                    .build());
            return new WorkspaceOidcUser(claims.authorities(loaded.getClaims()), loaded, user);
        };
    }

    @Bean
    SecurityFilterChain oidcSecurityFilterChain(HttpSecurity http,
            ClientRegistrationRepository registrations, JwtDecoder jwtDecoder,
            TokenClaims claims, OAuth2UserService<OidcUserRequest, OidcUser> users,
            StepUpPolicy stepUp, SessionGuard guard, AuditTrail audit) throws Exception {
        StepUpAuthorizationRequestResolver authorizationRequests =
                new StepUpAuthorizationRequestResolver(registrations, stepUp);
        OidcClientInitiatedLogoutSuccessHandler providerLogout =
                new OidcClientInitiatedLogoutSuccessHandler(registrations);
        providerLogout.setPostLogoutRedirectUri("{baseUrl}/login?logout");

        SecurityRules.applyCommon(http, new BearerTokenAuthenticationEntryPoint(), guard, audit);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(SecurityRules.PUBLIC_PATHS).permitAll()
                        .requestMatchers(SecurityRules.ADMIN_PATHS).hasRole(Authorities.ADMIN_ROLE)
                        .anyRequest().hasAuthority(Authorities.WORKSPACE_USER))
                .oauth2Login(login -> login
                        .loginPage("/login")
                        .authorizationEndpoint(endpoint -> endpoint
                                .authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users)))
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt
                        .decoder(jwtDecoder)
                        .jwtAuthenticationConverter(token -> new WorkspaceJwtAuthentication(token,
                                claims.authorities(token.getClaims()),
                                claims.user(token.getClaims())))))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler(providerLogout));
        return http.build();
    }

    /** The session principal after an OIDC sign-in. */
    static final class WorkspaceOidcUser extends DefaultOidcUser implements WorkspacePrincipal {
        private static final long serialVersionUID = 1L;
        private final WorkspaceUser user;

        WorkspaceOidcUser(Collection<? extends GrantedAuthority> authorities, OidcUser loaded,
                WorkspaceUser user) {
            super(authorities, loaded.getIdToken(), loaded.getUserInfo(), "preferred_username");
            this.user = user;
        }

        @Override
        public WorkspaceUser workspaceUser() {
            return user;
        }
    }

    /** A bearer-token authentication that knows its {@link WorkspaceUser}. */
    static final class WorkspaceJwtAuthentication extends JwtAuthenticationToken
            implements WorkspacePrincipal {
        private static final long serialVersionUID = 1L;
        private final WorkspaceUser user;

        WorkspaceJwtAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities,
                WorkspaceUser user) {
            super(jwt, authorities, user.login());
            this.user = user;
        }

        @Override
        public WorkspaceUser workspaceUser() {
            return user;
        }
    }
}

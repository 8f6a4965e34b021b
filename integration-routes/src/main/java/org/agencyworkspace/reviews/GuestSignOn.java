package org.agencyworkspace.reviews;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.oidc.OidcSecurityConfiguration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Guests' sign-in through Keycloak's guest realm, a realm apart from staff's, with a client of its
 * own: the guest chain gets an OIDC login of its own (authorization code with PKCE) under
 * {@code /guest/}, with a client registration that is not a bean, so the staff chain never
 * offers it and staff sign-in never sees it. The realm asks for password and TOTP. The account
 * must be one the workspace made for a guest ({@code sub} known in {@code review_guest_account})
 * and the guest active (on an open review); then the session holds the same
 * {@link GuestPrincipal} with {@code REVIEW_GUEST} as the embedded guest sign-in gives.
 * The guest chain takes no bearer tokens, so a staff token is nothing there; a guest-realm token
 * is refused by the staff chain, whose token decoder checks the staff realm's issuer.
 */
public class GuestSignOn {

    static final String REGISTRATION_ID = "keycloak-guests";
    static final String AUTHORIZATION_BASE = "/guest/oauth2/authorization";
    static final String AUTHORIZATION = AUTHORIZATION_BASE + "/" + REGISTRATION_ID;
    static final String CALLBACK_BASE = "/guest/login/oauth2/code/*";
    static final String SIGNED_IN_BY = "keycloak";

    private final ClientRegistrationRepository registrations;
    private final GuestAccounts accounts;
    private final ReviewGuests guests;
    private final AuditTrail audit;

    public GuestSignOn(URI keycloakBase, ReviewsProperties.GuestRealm realm, GuestAccounts accounts,
            ReviewGuests guests, AuditTrail audit) {
        this.registrations = new InMemoryClientRegistrationRepository(registration(keycloakBase, realm));
        this.accounts = accounts;
        this.guests = guests;
        this.audit = audit;
    }

    static ClientRegistration registration(URI keycloakBase, ReviewsProperties.GuestRealm realm) {
        String issuer = keycloakBase.toString().replaceAll("/+$", "") + "/realms/" + realm.realm();
        return OidcSecurityConfiguration.keycloakRegistration(REGISTRATION_ID, issuer, realm.clientId(),
                        realm.clientSecret(), "{baseUrl}/guest/login/oauth2/code/{registrationId}")
                .userNameAttributeName("sub")
                .clientName("Keycloak (guests)")
                .build();
    }

    /** Adds the guest realm's sign-in to the guest chain. */
    void apply(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .loginPage("/guest/login")
                .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE)
                        .authorizationRequestResolver(authorizationRequests()))
                .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK_BASE))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users()))
                .successHandler((request, response, authentication) -> {
                    GuestOidcUser user = (GuestOidcUser) authentication.getPrincipal();
                    GuestSessions.signIn(request, response, guests.find(user.guestId).orElseThrow(),
                            SIGNED_IN_BY, audit);
                    response.sendRedirect(request.getContextPath() + "/guest");
                })
                .failureHandler((request, response, refused) ->
                        response.sendRedirect(request.getContextPath() + "/guest/login?refused")));
    }

    /**
     * PKCE always; {@code prompt=login} so that Keycloak asks for password and TOTP every time and a
     * session left in the browser (a shared meeting-room computer after sign-out) signs nobody in;
     * the address the guest typed or was invited at as Keycloak's login hint.
     */
    private OAuth2AuthorizationRequestResolver authorizationRequests() {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return hinted(request, resolver.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return hinted(request, resolver.resolve(request, registrationId));
            }
        };
    }

    private OAuth2AuthorizationRequest hinted(HttpServletRequest request, OAuth2AuthorizationRequest resolved) {
        HttpSession session = request.getSession(false);
        Optional<String> email = resolved == null || session == null
                || !(session.getAttribute(GuestSignInController.LOGIN_HINT) instanceof String guestId)
                ? Optional.empty() : guests.find(guestId).map(ReviewGuests.Guest::email);
        if (resolved == null) {
            return null;
        }
        Map<String, Object> parameters = new HashMap<>(resolved.getAdditionalParameters());
        parameters.put("prompt", "login");
        email.ifPresent(address -> parameters.put("login_hint", address));
        return OAuth2AuthorizationRequest.from(resolved).additionalParameters(parameters).build();
    }

    /**
     * The signed-in account must be a guest's the workspace made, and the guest active; anything
     * else is refused and audited (a guest coming back after their reviews closed as
     * {@code review.guest.after-close}, which the detection rule {@code guest-after-close} sees).
     */
    private OAuth2UserService<OidcUserRequest, OidcUser> users() {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser loaded = standard.loadUser(request);
            Optional<String> guest = accounts.guestOf(loaded.getSubject());
            if (guest.isEmpty() || !guests.active(guest.get())) {
                audit.record(AuditEvent.of(guest.isPresent() ? "review.guest.after-close" : "review.guest.sign-in",
                                "authentication")
                        .actor(guest.map(id -> "guest:" + id).orElse("anonymous"), String.valueOf(loaded.getEmail()))
                        .target("guest", guest.orElse("unknown"))
                        .failure(guest.isPresent() ? "sign-in after the guest's reviews closed"
                                : "not a guest account of the workspace")
                        .details(Map.of("method", SIGNED_IN_BY, "subject", loaded.getSubject()))
                        .build());
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "not an active guest reviewer", null));
            }
            return new GuestOidcUser(loaded, guest.get());
        };
    }

    /** The guest-realm user between the token check and the guest session that replaces it. */
    static final class GuestOidcUser extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        private final String guestId;

        GuestOidcUser(OidcUser loaded, String guestId) {
            super(List.of(), loaded.getIdToken(), loaded.getUserInfo(), "sub");
            this.guestId = guestId;
        }
    }
}

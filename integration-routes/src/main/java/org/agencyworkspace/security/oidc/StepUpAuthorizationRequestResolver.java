package org.agencyworkspace.security.oidc;

import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.security.stepup.StepUpPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Authorization requests with PKCE; those started with {@code ?step-up} also carry
 * {@code acr_values} (the required level) and {@code max_age} (the step-up window), so Keycloak
 * asks the person to authenticate again. Ordinary sign-ins carry neither and get the client's
 * default level.
 */
final class StepUpAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

    static final String AUTHORIZATION_PATH = "/oauth2/authorization";
    static final String STEP_UP_PARAMETER = "step-up";

    private final DefaultOAuth2AuthorizationRequestResolver signIn;
    private final DefaultOAuth2AuthorizationRequestResolver stepUp;

    StepUpAuthorizationRequestResolver(ClientRegistrationRepository registrations,
            StepUpPolicy policy) {
        signIn = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_PATH);
        signIn.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        stepUp = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_PATH);
        stepUp.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
                .andThen(request -> request.additionalParameters(parameters -> {
                    parameters.put("acr_values", policy.requiredLevel());
                    parameters.put("max_age", String.valueOf(policy.windowSeconds()));
                })));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return resolverFor(request).resolve(request);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
        return resolverFor(request).resolve(request, registrationId);
    }

    private DefaultOAuth2AuthorizationRequestResolver resolverFor(HttpServletRequest request) {
        return request.getParameter(STEP_UP_PARAMETER) != null ? stepUp : signIn;
    }
}

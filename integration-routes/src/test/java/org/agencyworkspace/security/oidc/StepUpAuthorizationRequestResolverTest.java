package org.agencyworkspace.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.security.stepup.StepUpPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

class StepUpAuthorizationRequestResolverTest {

    final StepUpAuthorizationRequestResolver resolver = new StepUpAuthorizationRequestResolver(
            new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("keycloak")
                    .clientId("workspace-portal")
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid")
                    .authorizationUri("https://idp.test/realms/agency/protocol/openid-connect/auth")
                    .tokenUri("https://idp.test/realms/agency/protocol/openid-connect/token")
                    .build()),
            new StepUpPolicy(new SecurityProperties.StepUp(List.of("mfa", "mfa-recent"),
                    "mfa-recent", Duration.ofMinutes(5)), Clock.systemUTC()));

    @Test
    void anOrdinarySignInAsksForNoLevelButUsesPkce() {
        OAuth2AuthorizationRequest signIn = resolver.resolve(request(null));

        assertThat(signIn.getAdditionalParameters()).containsKey("code_challenge")
                .containsEntry("code_challenge_method", "S256")
                .doesNotContainKeys("acr_values", "max_age");
    }

    @Test
    void aStepUpAsksForTheRequiredLevelAndTheWindowAndKeepsPkce() {
        OAuth2AuthorizationRequest stepUp = resolver.resolve(request(""));

        assertThat(stepUp.getAdditionalParameters())
                .containsEntry("acr_values", "mfa-recent")
                .containsEntry("max_age", "300")
                .containsEntry("code_challenge_method", "S256")
                .containsKey("code_challenge");
        assertThat(stepUp.getAuthorizationRequestUri())
                .contains("acr_values=mfa-recent", "max_age=300", "code_challenge=");
        assertThat(stepUp.getAttributes()).containsKey("code_verifier");
    }

    private static MockHttpServletRequest request(String stepUp) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET",
                "/oauth2/authorization/keycloak");
        request.setServletPath("/oauth2/authorization/keycloak");
        if (stepUp != null) {
            request.setParameter("step-up", stepUp);
        }
        return request;
    }
}

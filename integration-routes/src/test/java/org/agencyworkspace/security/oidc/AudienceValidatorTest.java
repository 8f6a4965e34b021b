package org.agencyworkspace.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AudienceValidatorTest {

    @Test
    void acceptsOnlyTokensNamingTheWorkspaceApi() {
        var validator = OidcSecurityConfiguration.audienceValidator("workspace-api");

        assertThat(validator.validate(token(List.of("account", "workspace-api"))).hasErrors()).isFalse();
        assertThat(validator.validate(token(List.of("account"))).hasErrors()).isTrue();
        assertThat(validator.validate(Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("s").issuedAt(Instant.now()).build()).hasErrors()).isTrue();
    }

    private static Jwt token(List<String> audience) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("s").audience(audience)
                .issuedAt(Instant.now()).build();
    }
}

package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keycloak connector ({@code workspace.connectors.keycloak.*}). Not configured while
 * {@code base-url} is empty.
 *
 * @param baseUrl server root without {@code /auth}, e.g. {@code http://127.0.0.1:8180}
 * @param realm the agency's realm
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param serviceAccountClientId confidential client with a service account allowed to manage
 *     users ({@code manage-users}, {@code view-realm}); when set, identities are provisioned to
 *     Keycloak
 * @param serviceAccountClientSecret that client's secret; never logged
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.keycloak", ignoreUnknownFields = false)
public record KeycloakProperties(
        URI baseUrl,
        @NotBlank @DefaultValue("agency") String realm,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration requestTimeout,
        String serviceAccountClientId,
        String serviceAccountClientSecret) {

    public boolean isConfigured() {
        return baseUrl != null;
    }

    @AssertTrue(message = "service-account-client-secret is required with service-account-client-id")
    public boolean isServiceAccountComplete() {
        return serviceAccountClientId == null || serviceAccountClientId.isBlank()
                || (serviceAccountClientSecret != null && !serviceAccountClientSecret.isBlank());
    }

    @Override
    public String toString() {
        return "KeycloakProperties[baseUrl=" + baseUrl + ", realm=" + realm
                + ", serviceAccountClientId=" + serviceAccountClientId
                + ", serviceAccountClientSecret=******]";
    }
}

package org.agencyworkspace.identity;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Canonical identities and their sources ({@code workspace.identity.*}).
 *
 * @param roles the roles a source may give a person; anything else is refused
 * @param clearanceLevels clearance levels, lowest first; a person without one gets the first
 * @param scim the SCIM 2.0 endpoint
 */
@Validated
@ConfigurationProperties(prefix = "workspace.identity", ignoreUnknownFields = false)
public record IdentityProperties(
        @NotEmpty @DefaultValue({"staff", "manager", "security-officer", "auditor", "admin"})
                List<String> roles,
        @NotEmpty @DefaultValue({"unmarked", "secret", "confidential", "top-secret",
                "absolutely-secret"}) List<String> clearanceLevels,
        @NotNull @DefaultValue Scim scim) {

    /**
     * @param bearerToken the token SCIM clients send as {@code Authorization: Bearer}; the SCIM
     *     endpoint refuses every call while it is empty. Never logged.
     * @param maxResults most resources one list answer returns
     */
    public record Scim(String bearerToken, @DefaultValue("200") int maxResults) {

        public boolean enabled() {
            return bearerToken != null && !bearerToken.isBlank();
        }

        @Override
        public String toString() {
            return "Scim[bearerToken=" + (enabled() ? "******" : "unset") + ", maxResults="
                    + maxResults + "]";
        }
    }
}

package org.agencyworkspace.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
 * @param provisioning how changes are applied to the apps
 * @param reconciliation the scheduled comparison of identities with every app
 */
@Validated
@ConfigurationProperties(prefix = "workspace.identity", ignoreUnknownFields = false)
public record IdentityProperties(
        @NotEmpty @DefaultValue({"staff", "manager", "personnel", "security-officer", "auditor", "admin"})
                List<String> roles,
        @NotEmpty @DefaultValue({"unmarked", "secret", "confidential", "top-secret",
                "absolutely-secret"}) List<String> clearanceLevels,
        @NotNull @DefaultValue Scim scim,
        @Valid @NotNull @DefaultValue Provisioning provisioning,
        @Valid @NotNull @DefaultValue Reconciliation reconciliation) {

    /**
     * @param schedule whether reconciliation runs on its own every {@code interval}
     * @param interval time between scheduled runs; the first runs one interval after start
     * @param disableExtraAccounts whether enabled accounts that no identity knows are disabled
     *     (off: they are only reported, as one may be a break-glass administrator)
     * @param ignoredAccounts accounts never reported or disabled as extra, e.g. {@code admin}
     */
    public record Reconciliation(
            @DefaultValue("true") boolean schedule,
            @NotNull @DefaultValue("6h") Duration interval,
            @DefaultValue("false") boolean disableExtraAccounts,
            @DefaultValue List<String> ignoredAccounts) {

        @AssertTrue(message = "interval must be at least one minute")
        public boolean isIntervalSensible() {
            return interval == null || interval.toSeconds() >= 60;
        }
    }

    /**
     * @param pollInterval how often the queue of changes is checked; bounds how long a leaver
     *     keeps access
     * @param parallelism how many people are provisioned at the same time
     * @param batchSize at most this many people are picked up per check
     */
    public record Provisioning(
            @NotNull @DefaultValue("250ms") Duration pollInterval,
            @Min(1) @Max(64) @DefaultValue("8") int parallelism,
            @Min(1) @Max(1000) @DefaultValue("50") int batchSize) {
    }

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

package org.agencyworkspace.reviews;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * External review panels ({@code workspace.reviews.*}).
 *
 * @param officerGroup department code or role whose holders create and run reviews (procurement
 *     or programme officers)
 * @param decisionRole role whose holders approve the committee's decision (the agency head or
 *     their delegate), through the approvals registry
 * @param minMembers fewest members a review may open with (採購法 §94: 5)
 * @param minExternalShare fewest external members as a fraction of all, {@code n/d} (1/3)
 * @param invitationLifetime how long an invitation link works
 * @param codeLifetime how long an e-mailed sign-in or confirmation code works
 * @param codeAttempts wrong codes tolerated before the code is void
 * @param mail how guest mail is retried
 * @param keycloak guests' accounts and sign-in in Keycloak's guest realm (off while its realm is
 *     not set; then guests sign in through the workspace's own guest pages)
 */
@Validated
@ConfigurationProperties(prefix = "workspace.reviews", ignoreUnknownFields = false)
public record ReviewsProperties(
        @NotBlank @DefaultValue("general-affairs") String officerGroup,
        @NotBlank @DefaultValue("manager") String decisionRole,
        @Min(1) @Max(50) @DefaultValue("5") int minMembers,
        @NotNull @Pattern(regexp = "\\d{1,2}/[1-9]\\d?") @DefaultValue("1/3") String minExternalShare,
        @NotNull @DefaultValue("7d") Duration invitationLifetime,
        @NotNull @DefaultValue("10m") Duration codeLifetime,
        @Min(1) @Max(10) @DefaultValue("5") int codeAttempts,
        @NotNull @Valid @DefaultValue Mail mail,
        @NotNull @Valid @DefaultValue GuestRealm keycloak) {

    /**
     * @param pollInterval how often due mail is looked for
     * @param retryDelay wait after the first failure, doubled after each next one
     * @param maxRetryDelay longest wait between attempts
     * @param maxAttempts attempts before a mail is FAILED (and dead-lettered)
     */
    public record Mail(
            @NotNull @DefaultValue("15s") Duration pollInterval,
            @NotNull @DefaultValue("30s") Duration retryDelay,
            @NotNull @DefaultValue("30m") Duration maxRetryDelay,
            @Min(1) @Max(100) @DefaultValue("12") int maxAttempts) {
    }

    /**
     * Keycloak's realm for guests, apart from the staff realm (on the server of
     * {@code workspace.connectors.keycloak.base-url}). A realm needs both clients and their
     * secrets; secrets without a realm are refused at start as half a configuration.
     *
     * @param realm the guest realm, e.g. {@code agency-guests}
     * @param clientId the confidential client guests sign in through (authorization code, PKCE)
     * @param clientSecret its secret; never logged
     * @param serviceAccountClientId the guest realm's client whose service account creates and
     *     disables guest accounts ({@code manage-users}, {@code view-realm} of that realm)
     * @param serviceAccountClientSecret its secret; never logged
     * @param retention how long a disabled guest account is kept (for the audit's sake) before
     *     it is deleted
     * @param pollInterval how often due account changes are looked for
     * @param retryDelay wait after the first failure to reach Keycloak, doubled after each next
     * @param maxAttempts attempts before an account change is FAILED (and dead-lettered)
     */
    public record GuestRealm(
            String realm,
            @DefaultValue("workspace-guests") String clientId,
            String clientSecret,
            @DefaultValue("workspace-guests-connector") String serviceAccountClientId,
            String serviceAccountClientSecret,
            @NotNull @DefaultValue("30d") Duration retention,
            @NotNull @DefaultValue("15s") Duration pollInterval,
            @NotNull @DefaultValue("30s") Duration retryDelay,
            @Min(1) @Max(100) @DefaultValue("12") int maxAttempts) {

        public boolean isConfigured() {
            return set(realm);
        }

        @AssertTrue(message = "workspace.reviews.keycloak: a realm needs client-id, client-secret,"
                + " service-account-client-id and service-account-client-secret; secrets without a realm are"
                + " half a configuration")
        public boolean isComplete() {
            return set(realm) ? Stream.of(clientId, clientSecret, serviceAccountClientId, serviceAccountClientSecret)
                    .allMatch(GuestRealm::set) : !set(clientSecret) && !set(serviceAccountClientSecret);
        }

        private static boolean set(String value) {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            return "GuestRealm[realm=" + realm + ", clientId=" + clientId + ", clientSecret=******"
                    + ", serviceAccountClientId=" + serviceAccountClientId
                    + ", serviceAccountClientSecret=******, retention=" + retention + "]";
        }
    }

    @AssertTrue(message = "workspace.reviews.min-external-share must be a fraction n/d of at most 1")
    public boolean isShareAFraction() {
        String[] parts = minExternalShare.split("/");
        return Integer.parseInt(parts[0]) <= Integer.parseInt(parts[1]);
    }

    /** Whether {@code external} of {@code members} is at least the configured share. */
    public boolean externalEnough(int external, int members) {
        String[] parts = minExternalShare.split("/");
        return (long) external * Integer.parseInt(parts[1]) >= (long) members * Integer.parseInt(parts[0]);
    }
}

package org.agencyworkspace.reviews;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
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
        @NotNull @Valid @DefaultValue Mail mail) {

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

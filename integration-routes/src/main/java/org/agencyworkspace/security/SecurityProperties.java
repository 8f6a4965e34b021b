package org.agencyworkspace.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How staff sign in ({@code workspace.security.*}).
 *
 * @param mode {@code local}: accounts in the workspace database with TOTP (embedded default);
 *     {@code oidc}: single sign-on through an OpenID Connect provider such as Keycloak
 * @param local settings of local accounts
 * @param oidc settings of the OpenID Connect provider
 * @param loginThrottle limits on failed local sign-ins; with OIDC, Keycloak's own brute-force
 *     protection applies instead
 * @param stepUp the higher level of authentication that sensitive actions demand
 * @param detection security monitoring
 * @param sources outside audit sources read into the audit trail
 * @param keycloakEvents Keycloak's login and admin events as an audit source (read by
 *     {@code KeycloakEventsConfiguration}; declared here so that setting them is not refused)
 * @param sessions how long a session may act on a directory entry without reading it again
 * @param metrics who may read metrics besides administrators
 */
@Validated
@ConfigurationProperties(prefix = "workspace.security", ignoreUnknownFields = false)
public record SecurityProperties(
        @NotNull @DefaultValue("local") Mode mode,
        @Valid @NotNull @DefaultValue Local local,
        @Valid @NotNull @DefaultValue Oidc oidc,
        @Valid @NotNull @DefaultValue LoginThrottle loginThrottle,
        @Valid @NotNull @DefaultValue StepUp stepUp,
        @Valid @NotNull @DefaultValue Detection detection,
        @Valid @NotNull @DefaultValue Sources sources,
        @Valid @NotNull @DefaultValue KeycloakEvents keycloakEvents,
        @Valid @NotNull @DefaultValue Sessions sessions,
        @Valid @NotNull @DefaultValue Metrics metrics) {

    public enum Mode { LOCAL, OIDC }

    /** OIDC needs its provider and client; refuse to start half-configured. */
    @AssertTrue(message = "workspace.security.oidc.issuer-uri, client-id and client-secret are "
            + "required when workspace.security.mode=oidc")
    public boolean isOidcComplete() {
        return mode != Mode.OIDC || oidc.isComplete();
    }

    /**
     * @param totpIssuer name shown in authenticator apps next to the account
     * @param seedDemoAgency create the demo agency (departments and staff) when no account
     *     exists; off unless asked for ({@code bin/workspace run} turns it on), and never for a
     *     production deployment
     * @param initialPassword first password of the seeded demo accounts; when empty one is
     *     generated. Either way it is written, with each person's enrolment code, to
     *     {@code <data-dir>/initial-credentials.txt} (owner-only)
     * @param keyFile file holding the key that seals TOTP secrets at rest; generated when
     *     missing; defaults to {@code <data-dir>/workspace.key}. Every node of a cluster needs
     *     the same file.
     * @param mfaTimeout how long the code step may take after the password step
     * @param enrolmentCodeLifetime how long a person's one-time enrolment code (needed to set up
     *     their authenticator app at first sign-in) stays valid
     */
    public record Local(
            @NotBlank @DefaultValue("Agency Workspace") String totpIssuer,
            @DefaultValue("false") boolean seedDemoAgency,
            String initialPassword,
            Path keyFile,
            @NotNull @DefaultValue("5m") Duration mfaTimeout,
            @NotNull @DurationMin(minutes = 5) @DefaultValue("72h") Duration enrolmentCodeLifetime) {

        @Override
        public String toString() {
            return "Local[totpIssuer=" + totpIssuer + ", seedDemoAgency=" + seedDemoAgency
                    + ", initialPassword=" + (initialPassword == null ? "unset" : "******") + "]";
        }
    }

    /**
     * @param issuerUri the realm's issuer, e.g. {@code http://127.0.0.1:8180/realms/agency}
     * @param clientId the confidential client used for browser sign-in (authorization code + PKCE)
     * @param clientSecret that client's secret; never logged
     * @param clearanceClaim the token claim carrying the user's clearance level
     * @param rolesClaim the token claim carrying the user's realm roles
     * @param departmentClaim the token claim carrying the user's departments
     * @param audience the audience ({@code aud}) a bearer token must name to be accepted by the
     *     APIs; the shipped realm adds {@code workspace-api} to tokens with the workspace scope
     */
    public record Oidc(
            URI issuerUri,
            String clientId,
            String clientSecret,
            @NotBlank @DefaultValue("clearance") String clearanceClaim,
            @NotBlank @DefaultValue("roles") String rolesClaim,
            @NotBlank @DefaultValue("department") String departmentClaim,
            @NotBlank @DefaultValue("workspace-api") String audience) {

        boolean isComplete() {
            return issuerUri != null && clientId != null && !clientId.isBlank()
                    && clientSecret != null && !clientSecret.isBlank();
        }

        @Override
        public String toString() {
            return "Oidc[issuerUri=" + issuerUri + ", clientId=" + clientId
                    + ", clientSecret=******]";
        }
    }

    /**
     * @param maxFailures failed attempts (password or code) after which an account is locked
     * @param lockout how long a locked account stays locked
     * @param maxFailuresPerAddress failed attempts from one network address within
     *     {@code window} after which that address is refused
     * @param window the sliding window for counting failures per address
     */
    public record LoginThrottle(
            @Min(1) @Max(100) @DefaultValue("5") int maxFailures,
            @NotNull @DefaultValue("15m") Duration lockout,
            @Min(1) @Max(10000) @DefaultValue("20") int maxFailuresPerAddress,
            @NotNull @DefaultValue("10m") Duration window) {
    }

    /**
     * @param acrLevels the ACR names of the identity provider, lowest level first (the shipped
     *     realm's {@code acr.loa.map}: {@code mfa} = password and OTP, {@code mfa-recent} = a
     *     recent re-authentication or WebAuthn); a token whose {@code acr} is not listed is
     *     treated as not stepped up
     * @param requiredAcr the level a step-up must reach
     * @param maxAge how long a step-up lasts after the re-authentication; also sent to the
     *     provider as {@code max_age}
     */
    public record StepUp(
            @NotEmpty @DefaultValue({"mfa", "mfa-recent"}) List<@NotBlank String> acrLevels,
            @NotBlank @DefaultValue("mfa-recent") String requiredAcr,
            @NotNull @DurationMin(seconds = 1) @DefaultValue("5m") Duration maxAge) {

        @AssertTrue(message = "workspace.security.step-up.required-acr must be one of "
                + "workspace.security.step-up.acr-levels")
        public boolean isRequiredAcrListed() {
            return acrLevels == null || acrLevels.contains(requiredAcr);
        }
    }

    /**
     * Security monitoring (operator guide, "Detection rules").
     *
     * @param enabled evaluate the rules on every audit event
     * @param rulesFile the operator's rules file; unset: {@code <data-dir>/detection-rules.yaml}
     *     when it exists, else the shipped rules
     * @param pollInterval how often new audit events and a changed rules file are looked for
     * @param chainCheckInterval how often the audit chain is verified (rule type chain-break)
     * @param notifyRecipient who is told of a new incident (default the administrators): {@code group:<name>}, {@code room:<room id>}
     *     (a Matrix security room) or {@code user:<login>}
     */
    public record Detection(
            @DefaultValue("true") boolean enabled,
            java.nio.file.Path rulesFile,
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @NotNull @DefaultValue("15m") Duration chainCheckInterval,
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "(group|room|user):.+")
            @DefaultValue("group:admin") String notifyRecipient) {
    }

    /**
     * @param enabled import Keycloak's events once its service account is configured
     * @param pollInterval how often they are fetched
     */
    public record KeycloakEvents(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("5s") Duration pollInterval) {
    }

    /**
     * Outside audit sources (operator guide, section 12).
     *
     * @param nextcloudAuditLog Nextcloud's admin_audit log file
     */
    public record Sources(@Valid @NotNull @DefaultValue NextcloudAuditLog nextcloudAuditLog) {
    }

    /**
     * @param path the audit log Nextcloud writes ({@code log_type_audit} = file; by default
     *     {@code <nextcloud data>/audit.log}); unset: not read
     * @param enabled read it when a path is set
     * @param pollInterval how often new lines are looked for
     * @param batchSize lines recorded per transaction at most
     */
    public record NextcloudAuditLog(
            Path path,
            @DefaultValue("true") boolean enabled,
            @NotNull @DurationMin(millis = 100) @DefaultValue("5s") Duration pollInterval,
            @Min(1) @Max(10000) @DefaultValue("500") int batchSize) {
    }

    /**
     * @param recheck how long a signed-in person's clearance, roles and enabled flag are taken
     *     from the last read of the staff directory; a change made through the workspace (an
     *     identity change, a revocation) is seen at once on this node, other nodes see it within
     *     this interval. At most five minutes.
     */
    public record Sessions(@NotNull @DefaultValue("30s") Duration recheck) {

        @AssertTrue(message = "workspace.security.sessions.recheck must be between 0 and 5 minutes")
        public boolean isRecheckBounded() {
            return recheck == null
                    || !recheck.isNegative() && recheck.compareTo(Duration.ofMinutes(5)) <= 0;
        }
    }

    /**
     * @param bearerToken the token a metrics scraper (Prometheus) sends as
     *     {@code Authorization: Bearer} to read {@code /actuator/prometheus} and
     *     {@code /actuator/metrics}; compared in constant time; unset: only administrators may
     *     read metrics. At least 32 characters. Never logged.
     */
    public record Metrics(String bearerToken) {

        public boolean tokenSet() {
            return bearerToken != null && !bearerToken.isBlank();
        }

        @AssertTrue(message = "workspace.security.metrics.bearer-token must be at least 32 characters")
        public boolean isTokenLongEnough() {
            return !tokenSet() || bearerToken.strip().length() >= 32;
        }

        @Override
        public String toString() {
            return "Metrics[bearerToken=" + (tokenSet() ? "******" : "unset") + "]";
        }
    }
}

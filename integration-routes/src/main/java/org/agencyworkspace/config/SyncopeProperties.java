package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.syncope.AgencyAttribute;
import org.agencyworkspace.connector.syncope.SyncopeConnector;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Apache Syncope as a source of identities ({@code workspace.connectors.syncope.*}). Not
 * configured while {@code base-url} is empty; once set, Syncope's users are polled for changes
 * and become workspace identities.
 *
 * @param baseUrl the core REST root, e.g. {@code https://idm.agency.example/syncope/rest}
 * @param domain the Syncope domain
 * @param username the service account, with the entitlements to search and read users
 * @param password its password; never logged
 * @param authMode BASIC on every call, or JWT from {@code /accessTokens/login}
 * @param realm the realm whose users (children included) are the agency's staff
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param pollInterval how often users changed since the last poll are read
 * @param pageSize users per page when polling and reconciling
 * @param schemas schema names of the agency attributes where they differ from the defaults
 *     ({@code department}, {@code clearance}, {@code email}, ...)
 * @param inactiveEmploymentStatuses employment statuses that mean the person no longer works
 *     here (compared ignoring case); a suspended Syncope user is inactive too
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.syncope", ignoreUnknownFields = false)
public record SyncopeProperties(
        URI baseUrl,
        @NotBlank @DefaultValue(SyncopeConnector.Builder.DEFAULT_DOMAIN) String domain,
        String username,
        String password,
        @NotNull @DefaultValue("BASIC") SyncopeConnector.AuthMode authMode,
        @NotBlank @DefaultValue("/") String realm,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("15s") Duration requestTimeout,
        @NotNull @DefaultValue("30s") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("100") int pageSize,
        Map<AgencyAttribute, String> schemas,
        @NotNull @DefaultValue({"left", "retired", "terminated"})
                List<String> inactiveEmploymentStatuses) {

    public SyncopeProperties {
        schemas = schemas == null ? Map.of() : Map.copyOf(schemas);
    }

    public boolean isConfigured() {
        return baseUrl != null;
    }

    @AssertTrue(message = "username and password are required with base-url")
    public boolean isAccountComplete() {
        return !isConfigured() || (username != null && !username.isBlank() && password != null
                && !password.isEmpty());
    }

    @AssertTrue(message = "realm must be a full realm path such as / or /agency")
    public boolean isRealmPath() {
        return realm == null || realm.startsWith("/");
    }

    /** A client for these settings. */
    public SyncopeConnector connector() {
        SyncopeConnector.Builder builder = SyncopeConnector.builder()
                .baseUrl(baseUrl)
                .domain(domain)
                .serviceAccount(username, password)
                .authMode(authMode)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout);
        schemas.forEach(builder::schemaName);
        return builder.build();
    }

    @Override
    public String toString() {
        return "SyncopeProperties[baseUrl=" + baseUrl + ", domain=" + domain + ", username="
                + username + ", password=******, authMode=" + authMode + ", realm=" + realm
                + ", pollInterval=" + pollInterval + ", schemas=" + schemas + "]";
    }
}

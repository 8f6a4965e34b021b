package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Matrix connector ({@code workspace.connectors.matrix.*}). Not configured while
 * {@code homeserver-url} is empty.
 *
 * @param homeserverUrl Client-Server API base, e.g. {@code http://127.0.0.1:8008}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param serverName the homeserver's name, the part after {@code :} in user ids
 * @param adminUser a Synapse server admin; when set, identities are provisioned to Matrix
 * @param adminPassword that admin's password; never logged
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.matrix", ignoreUnknownFields = false)
public record MatrixProperties(
        URI homeserverUrl,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration requestTimeout,
        String serverName,
        String adminUser,
        String adminPassword) {

    public boolean isConfigured() {
        return homeserverUrl != null;
    }

    @AssertTrue(message = "server-name and admin-password are required with admin-user")
    public boolean isAdminComplete() {
        return adminUser == null || adminUser.isBlank()
                || (serverName != null && !serverName.isBlank() && adminPassword != null
                        && !adminPassword.isEmpty());
    }

    @Override
    public String toString() {
        return "MatrixProperties[homeserverUrl=" + homeserverUrl + ", serverName=" + serverName
                + ", adminUser=" + adminUser + ", adminPassword=******]";
    }
}

package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.NextcloudProvisioning;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Nextcloud connector ({@code workspace.connectors.nextcloud.*}). Not configured while
 * {@code dav-url} is empty.
 *
 * @param davUrl WebDAV root, e.g. {@code https://cloud.agency.example/remote.php/dav}
 * @param username the workspace's service account in Nextcloud
 * @param password that account's app password; never logged
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param provisionUsers whether identities are provisioned to Nextcloud over OCS; the account
 *     above must then be an administrator
 * @param defaultQuota storage quota of provisioned accounts, as Nextcloud takes it
 *     ({@code 5 GB}, {@code none}); unset leaves Nextcloud's default
 * @param chunkedUpload whether large files go up with Nextcloud's chunked upload; off for plain
 *     WebDAV servers (the local stack's Apache), which cannot assemble chunks
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.nextcloud", ignoreUnknownFields = false)
public record NextcloudProperties(
        URI davUrl,
        String username,
        String password,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("false") boolean provisionUsers,
        @Pattern(regexp = "none|default|\\d+(\\.\\d+)? ?(B|KB|MB|GB|TB)",
                message = "must be none, default, or a size such as 5 GB") String defaultQuota,
        @DefaultValue("true") boolean chunkedUpload) {

    public boolean isConfigured() {
        return davUrl != null;
    }

    @AssertTrue(message = "username and password are required when dav-url is set")
    public boolean isCredentialsPresent() {
        return davUrl == null || (username != null && !username.isBlank() && password != null
                && !password.isEmpty());
    }

    /** A client for these settings. */
    public NextcloudConnector connector() {
        NextcloudConnector.Builder builder = NextcloudConnector.builder()
                .davUrl(davUrl)
                .credentials(username, password)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout);
        if (!chunkedUpload) {
            builder.plainUploadOnly();
        }
        return builder.build();
    }

    /** A client for Nextcloud's provisioning API (OCS), on the server of {@code dav-url}. */
    public NextcloudProvisioning provisioning() {
        return NextcloudProvisioning.builder()
                .serverUrl(serverRoot(davUrl))
                .credentials(username, password)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .build();
    }

    /** {@code https://cloud.example/remote.php/dav} → {@code https://cloud.example}. */
    static URI serverRoot(URI davUrl) {
        String dav = davUrl.toString().replaceAll("/+$", "");
        return URI.create(dav.endsWith("/remote.php/dav")
                ? dav.substring(0, dav.length() - "/remote.php/dav".length()) : dav);
    }

    @Override
    public String toString() {
        return "NextcloudProperties[davUrl=" + davUrl + ", username=" + username + ", password=******]";
    }
}

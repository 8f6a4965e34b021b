package org.agencyworkspace.connector.nextcloud;

import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for one Nextcloud account's files over WebDAV ({@code /remote.php/dav}). Build it with
 * {@link #builder()}; close it to release its connections.
 *
 * <p>The health probe lists the account's root folder ({@code PROPFIND} depth 0), which proves
 * the server is up and the credentials are accepted.
 *
 * <p>Accounts and groups are provisioned by {@link NextcloudProvisioning}, built on its own with
 * admin credentials.
 */
public interface NextcloudConnector extends HealthProbe, AutoCloseable {

    /**
     * {@code PROPFIND /remote.php/dav/files/{user}/} with {@code Depth: 0}.
     *
     * @return true when the folder exists and is readable with these credentials, false on 404
     * @throws org.agencyworkspace.connector.TransientConnectorException when the server cannot be
     *     reached or answers 5xx
     * @throws org.agencyworkspace.connector.PermanentConnectorException on 401/403 (wrong or
     *     insufficient credentials) and other refusals
     */
    boolean userRootReadable();

    /** Up when {@link #userRootReadable()} is true. */
    @Override
    ProbeResult probe();

    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link NextcloudConnector}; {@link #build()} checks them. */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI davUrl;
        private String username;
        private String password;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        /** WebDAV root, e.g. {@code https://cloud.example/remote.php/dav}. */
        public Builder davUrl(URI davUrl) {
            this.davUrl = davUrl;
            return this;
        }

        /** Login name and app password (Nextcloud accepts app passwords for WebDAV). */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public NextcloudConnector build() {
            requireHttpUrl(davUrl, "davUrl");
            requireText(username, "username");
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("password required");
            }
            checkTimeouts();
            return new SardineNextcloudConnector(davUrl, username, password, connectTimeout(),
                    requestTimeout());
        }
    }
}

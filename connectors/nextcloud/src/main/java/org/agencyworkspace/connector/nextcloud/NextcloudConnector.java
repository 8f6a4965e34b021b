package org.agencyworkspace.connector.nextcloud;

import java.net.URI;
import java.time.Duration;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for one Nextcloud account: its files over WebDAV ({@link #files()}), system tags
 * ({@link #systemTags()}) and shares over OCS ({@link #shares()}), all with the same login and
 * app password. Build it with {@link #builder()}; close it to release its connections.
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

    /** The account's files, {@code /remote.php/dav/files/{user}/}. */
    NextcloudFiles files();

    /** System tags, {@code /remote.php/dav/systemtags/} and their assignments to files. */
    NextcloudSystemTags systemTags();

    /** The account's shares through OCS, {@code /ocs/v2.php/apps/files_sharing/api/v1}. */
    NextcloudShares shares();

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
        private static final String DAV_SUFFIX = "/remote.php/dav";

        private URI davUrl;
        private URI serverUrl;
        private String username;
        private String password;
        private UploadSettings uploads = UploadSettings.DEFAULT;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        /** WebDAV root, e.g. {@code https://cloud.example/remote.php/dav}. */
        public Builder davUrl(URI davUrl) {
            this.davUrl = davUrl;
            return this;
        }

        /**
         * The Nextcloud root that serves {@code /ocs/...}; by default {@link #davUrl} without its
         * {@code /remote.php/dav}.
         */
        public Builder serverUrl(URI serverUrl) {
            this.serverUrl = serverUrl;
            return this;
        }

        /**
         * Login name and app password (Nextcloud accepts app passwords for WebDAV and OCS). The
         * login name is also the user id in WebDAV paths, which holds for Nextcloud's own
         * accounts; accounts from an outside identity provider may have a different id.
         */
        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Uploads larger than {@code aboveBytes} use Nextcloud's chunked upload with chunks of
         * {@code chunkBytes}; by default 10 MiB and 10 MiB. Nextcloud on S3 storage needs chunks
         * of at least 5 MiB (the last one excepted).
         */
        public Builder chunkedUpload(long aboveBytes, long chunkBytes) {
            this.uploads = new UploadSettings(true, aboveBytes, chunkBytes);
            return this;
        }

        /**
         * Every upload as one streamed {@code PUT}, for WebDAV servers without Nextcloud's
         * chunked upload (such as Apache {@code mod_dav}).
         */
        public Builder plainUploadOnly() {
            this.uploads = UploadSettings.PLAIN_ONLY;
            return this;
        }

        public NextcloudConnector build() {
            requireHttpUrl(davUrl, "davUrl");
            requireText(username, "username");
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("password required");
            }
            checkTimeouts();
            String dav = davUrl.toString().replaceAll("/+$", "");
            URI server = serverUrl;
            if (server == null) {
                if (!dav.endsWith(DAV_SUFFIX)) {
                    throw new IllegalStateException("serverUrl required when davUrl does not end"
                            + " with " + DAV_SUFFIX + ": " + davUrl);
                }
                server = URI.create(dav.substring(0, dav.length() - DAV_SUFFIX.length()) + "/");
            }
            requireHttpUrl(server, "serverUrl");
            return new SardineNextcloudConnector(URI.create(dav), server, username, password,
                    connectTimeout(), requestTimeout(), uploads);
        }

        /** Names the settings and masks the password. */
        @Override
        public String toString() {
            return "NextcloudConnector.Builder[davUrl=" + davUrl + ", serverUrl=" + serverUrl
                    + ", username=" + username + ", password="
                    + (password == null ? "unset" : "******") + ", uploads=" + uploads + "]";
        }
    }
}

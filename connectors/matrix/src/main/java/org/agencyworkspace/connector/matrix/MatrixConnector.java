package org.agencyworkspace.connector.matrix;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.agencyworkspace.connector.ConnectorBuilder;
import org.agencyworkspace.connector.HealthProbe;
import org.agencyworkspace.connector.ProbeResult;

/**
 * Client for one Matrix homeserver. Build it with {@link #builder()}.
 *
 * <p>The health probe asks for the supported Client-Server API versions, which every homeserver
 * serves without authentication.
 */
public interface MatrixConnector extends HealthProbe {

    /**
     * {@code GET /_matrix/client/versions}.
     *
     * @return the spec versions the homeserver supports, e.g. {@code v1.11}
     * @throws org.agencyworkspace.connector.TransientConnectorException when the homeserver cannot
     *     be reached or answers 5xx
     * @throws org.agencyworkspace.connector.PermanentConnectorException when the answer is not a
     *     Matrix versions document
     */
    List<String> supportedVersions();

    /** Up when {@link #supportedVersions()} succeeds; the detail names the newest version. */
    @Override
    ProbeResult probe();

    static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link MatrixConnector}; {@link #build()} checks them. */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI homeserverUrl;

        private Builder() {
            super(Duration.ofSeconds(10));
        }

        /** Client-Server base URL, e.g. {@code http://127.0.0.1:8008}. */
        public Builder homeserverUrl(URI homeserverUrl) {
            this.homeserverUrl = homeserverUrl;
            return this;
        }

        public MatrixConnector build() {
            requireHttpUrl(homeserverUrl, "homeserverUrl");
            checkTimeouts();
            return new HttpMatrixConnector(homeserverUrl, connectTimeout(), requestTimeout());
        }
    }
}

package org.agencyworkspace.connector.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** Against the real Apache mod_dav server of deploy/local, laid out like Nextcloud. */
class NextcloudConnectorIT {

    private final URI davUrl = URI.create(StackEnvironment.require("WORKSPACE_WEBDAV_URL"));
    private final String user = StackEnvironment.require("WORKSPACE_WEBDAV_USER");

    @Test
    void theServiceAccountCanReadItsFolder() {
        try (NextcloudConnector nextcloud = NextcloudConnector.builder().davUrl(davUrl)
                .credentials(user, StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD")).build()) {
            assertThat(nextcloud.userRootReadable()).isTrue();
            assertThat(nextcloud.probe().up()).isTrue();
        }
    }

    @Test
    void aWrongPasswordIsAPermanent401() {
        try (NextcloudConnector nextcloud = NextcloudConnector.builder().davUrl(davUrl)
                .credentials(user, "not-the-password").build()) {
            assertThatThrownBy(nextcloud::userRootReadable)
                    .isInstanceOfSatisfying(PermanentConnectorException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThat(nextcloud.probe().up()).isFalse();
        }
    }
}

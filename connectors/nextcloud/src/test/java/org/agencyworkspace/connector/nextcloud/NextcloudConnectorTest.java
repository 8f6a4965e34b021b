package org.agencyworkspace.connector.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NextcloudConnectorTest {

    /** A depth-0 PROPFIND answer as Nextcloud's SabreDAV sends it. */
    private static final String MULTISTATUS = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
             <d:response>
              <d:href>/remote.php/dav/files/workspace/</d:href>
              <d:propstat><d:prop><d:getetag>"6543a1b2c3"</d:getetag>
               <d:resourcetype><d:collection/></d:resourcetype></d:prop>
               <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
             </d:response>
            </d:multistatus>
            """;

    private final CannedHttpServer server = new CannedHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readableUserRootIsUpAndSendsCredentialsAtOnce() {
        server.on("/remote.php/dav/files/workspace/",
                new Answer(207, Map.of("Content-Type", "application/xml; charset=utf-8"), MULTISTATUS));

        try (NextcloudConnector nextcloud = connector()) {
            assertThat(nextcloud.userRootReadable()).isTrue();
            assertThat(nextcloud.probe().up()).isTrue();
        }
        assertThat(server.received().get(0).method()).isEqualTo("PROPFIND");
        assertThat(server.received().get(0).headers()).containsKey("Authorization");
    }

    @Test
    void wrongCredentialsArePermanent() {
        server.on("/remote.php/dav/files/workspace/", new Answer(401, Map.of(), ""));

        try (NextcloudConnector nextcloud = connector()) {
            assertThatThrownBy(nextcloud::userRootReadable)
                    .isInstanceOfSatisfying(PermanentConnectorException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
            assertThat(nextcloud.probe().detail()).contains("401");
        }
    }

    @Test
    void aMissingFolderIsNotReadableRatherThanAnError() {
        try (NextcloudConnector nextcloud = connector()) {
            assertThat(nextcloud.userRootReadable()).isFalse();
            assertThat(nextcloud.probe().up()).isFalse();
        }
    }

    @Test
    void builderRequiresCredentials() {
        assertThatThrownBy(() -> NextcloudConnector.builder()
                .davUrl(URI.create("http://cloud/remote.php/dav")).build())
                .hasMessage("username required");
    }

    private NextcloudConnector connector() {
        return NextcloudConnector.builder()
                .davUrl(server.baseUri().resolve("/remote.php/dav"))
                .credentials("workspace", "app-password")
                .build();
    }
}

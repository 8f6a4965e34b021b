package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatrixConnectorTest {

    private final CannedHttpServer server = new CannedHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsSupportedVersions() {
        server.on("/_matrix/client/versions", Answer.json(200,
                "{\"versions\":[\"r0.6.1\",\"v1.1\",\"v1.11\"],\"unstable_features\":{}}"));

        MatrixConnector matrix = MatrixConnector.builder().homeserverUrl(server.baseUri()).build();
        ProbeResult probe = matrix.probe();

        assertThat(matrix.supportedVersions()).containsExactly("r0.6.1", "v1.1", "v1.11");
        assertThat(probe.up()).isTrue();
        assertThat(probe.facts()).containsEntry("version", "v1.11");
    }

    @Test
    void somethingElseAnsweringIsNotAHomeserver() {
        server.on("/_matrix/client/versions", Answer.json(200, "<html>proxy page</html>"));

        MatrixConnector matrix = MatrixConnector.builder().homeserverUrl(server.baseUri()).build();

        assertThatThrownBy(matrix::supportedVersions)
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not a Matrix versions document");
        assertThat(matrix.probe().up()).isFalse();
    }

    @Test
    void builderNeedsAnAbsoluteUrl() {
        assertThatThrownBy(() -> MatrixConnector.builder().build()).hasMessage("homeserverUrl required");
    }
}

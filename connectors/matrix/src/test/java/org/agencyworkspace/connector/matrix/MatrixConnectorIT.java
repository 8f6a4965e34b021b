package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;

/** Against the real Synapse of deploy/local. */
class MatrixConnectorIT {

    @Test
    void readsTheVersionsSynapseSupports() {
        MatrixConnector matrix = MatrixConnector.builder()
                .homeserverUrl(URI.create(StackEnvironment.require("WORKSPACE_MATRIX_URL"))).build();

        assertThat(matrix.supportedVersions()).contains("v1.1").anyMatch(v -> v.matches("v1\\.1[0-9]"));
        assertThat(matrix.probe().up()).isTrue();
    }
}

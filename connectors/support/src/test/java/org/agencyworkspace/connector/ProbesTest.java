package org.agencyworkspace.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbesTest {

    @Test
    void aFailingCheckBecomesADownResultWithItsMessage() {
        ProbeResult result = Probes.timed(() -> {
            throw new TransientConnectorException("matrix", "cannot reach server", 0,
                    "http://127.0.0.1:1/", null, null);
        });

        assertThat(result.up()).isFalse();
        assertThat(result.detail()).isEqualTo("matrix: cannot reach server at http://127.0.0.1:1/");
        assertThat(result.latency()).isPositive();
    }

    @Test
    void aPassingCheckKeepsItsDetailAndFacts() {
        ProbeResult result = Probes.timed(() -> ProbeResult.up("fine", Map.of("version", "1")));

        assertThat(result.up()).isTrue();
        assertThat(result.facts()).containsEntry("version", "1");
    }
}

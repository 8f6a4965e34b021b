package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixUserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice.chen", "a_b", "dept=it", "x-1", "team/ops", "a+b", "0"})
    void acceptsTheUserIdGrammar(String localpart) {
        assertThat(MatrixUserId.of(localpart, "workspace.test"))
                .isEqualTo("@" + localpart + ":workspace.test");
    }

    @Test
    void acceptsServerNamesWithPortsAndIpLiterals() {
        assertThat(MatrixUserId.of("alice", "matrix.agency.test:8448"))
                .isEqualTo("@alice:matrix.agency.test:8448");
        assertThat(MatrixUserId.of("alice", "[::1]:8008")).isEqualTo("@alice:[::1]:8008");
    }

    @Test
    void namesTheCharacterThatIsNotAllowed() {
        assertThatThrownBy(() -> MatrixUserId.of("Alice", "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid Matrix localpart \"Alice\": character 'A' at position 0 is "
                        + "not allowed; use only a-z, 0-9 and . _ = - / +");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice chen", "alice@agency", "alice:x", "陳", "a#b", "a!b", "a\tb"})
    void refusesCharactersOutsideTheGrammar(String localpart) {
        assertThatThrownBy(() -> MatrixUserId.of(localpart, "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed");
    }

    @Test
    void refusesEmptyReservedAndOverlongLocalparts() {
        assertThatThrownBy(() -> MatrixUserId.of("", "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> MatrixUserId.of(null, "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> MatrixUserId.of("_bridge_alice", "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved for application-service users");
        String longest = "a".repeat(MatrixUserId.MAX_LENGTH - "@:workspace.test".length());
        assertThat(MatrixUserId.of(longest, "workspace.test")).hasSize(MatrixUserId.MAX_LENGTH);
        assertThatThrownBy(() -> MatrixUserId.of(longest + "a", "workspace.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 255");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "work space", "@workspace.test", "host:port"})
    void refusesWhatIsNotAServerName(String serverName) {
        assertThatThrownBy(() -> MatrixUserId.of("alice", serverName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid Matrix server name");
    }
}

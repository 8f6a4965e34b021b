package org.agencyworkspace.security.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @Test
    void sealsAndOpensWithAKeyFileOnlyTheOwnerCanRead(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("keys/workspace.key");
        SecretBox box = SecretBox.fromKeyFile(keyFile);

        String sealed = box.seal("JBSWY3DPEHPK3PXP");

        assertThat(sealed).startsWith("v1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(SecretBox.fromKeyFile(keyFile).open(sealed)).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(box.seal("JBSWY3DPEHPK3PXP")).isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyOrAnAlteredValueDoesNotOpen(@TempDir Path dir) {
        String sealed = SecretBox.fromKeyFile(dir.resolve("a.key")).seal("secret");
        SecretBox other = SecretBox.fromKeyFile(dir.resolve("b.key"));
        byte[] raw = java.util.Base64.getDecoder().decode(sealed.substring("v1:".length()));
        raw[raw.length / 2] ^= 1;
        String altered = "v1:" + java.util.Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretBox.fromKeyFile(dir.resolve("a.key"))
                .open(altered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefused(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("short.key"), "c2hvcnQ=\n");

        assertThatThrownBy(() -> SecretBox.fromKeyFile(keyFile))
                .hasMessageContaining("must hold 32 bytes");
    }
}

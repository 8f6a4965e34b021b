package org.agencyworkspace.connector.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.agencyworkspace.testsupport.push.VapidToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VAPID key file: made once, mode 600, the same key after a restart, refused when others may read it. */
class VapidKeysTest {

    @TempDir
    Path folder;

    @Test
    void theKeyIsMadeOnFirstUseReadableByTheServiceOnlyAndKeptAcrossRestarts() throws Exception {
        Path file = folder.resolve("push/vapid.pem");

        VapidKeys first = VapidKeys.loadOrCreate(file);
        VapidKeys again = VapidKeys.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(again.publicKey()).isEqualTo(first.publicKey());
        assertThat(java.util.Base64.getUrlDecoder().decode(first.publicKey())).hasSize(65).startsWith(4);
        assertThat(first.toString()).doesNotContain("PRIVATE");
        // What one instance signs, the other's public key verifies: the private key was kept too.
        String authorization = again.authorization("https://push.example", "mailto:a@b",
                Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(VapidToken.verify(authorization).publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void aKeyFileOthersMayReadOrThatHoldsNoKeyIsRefused() throws Exception {
        Path file = folder.resolve("vapid.pem");
        VapidKeys.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> VapidKeys.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600");

        Path garbage = folder.resolve("garbage.pem");
        Files.createFile(garbage, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> VapidKeys.loadOrCreate(garbage)).isInstanceOf(IllegalStateException.class);
    }
}

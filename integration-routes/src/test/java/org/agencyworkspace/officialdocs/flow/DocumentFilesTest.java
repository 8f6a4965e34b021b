package org.agencyworkspace.officialdocs.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFilesTest {

    @TempDir
    Path folder;

    @Test
    void bytesAreStoredOnceOwnerOnlyUnderTheirHashAndReadBack() throws Exception {
        DocumentFiles files = new DocumentFiles(folder);
        byte[] pdf = "%PDF-1.7 簽".getBytes(StandardCharsets.UTF_8);
        String sha = files.write(pdf);
        assertThat(files.write(pdf)).isEqualTo(sha);
        assertThat(files.read(sha)).isEqualTo(pdf);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(sha)))).isEqualTo("rw-------");
        try (var listing = Files.list(folder)) {
            assertThat(listing.count()).isEqualTo(1);
        }
    }

    /** Seeded mutation: any byte changed on disk is refused as a changed document, never returned. */
    @Test
    void everyAlterationOfTheStoredBytesIsRefused() throws Exception {
        long seed = Long.getLong("files.seed", 7L);
        Random random = new Random(seed);
        DocumentFiles files = new DocumentFiles(folder);
        for (int run = 0; run < 200; run++) {
            byte[] content = new byte[1 + random.nextInt(2000)];
            random.nextBytes(content);
            String sha = files.write(content);
            byte[] altered = content.clone();
            int at = random.nextInt(altered.length);
            altered[at] = (byte) (altered[at] ^ (1 + random.nextInt(255)));
            Files.write(folder.resolve(sha), altered);
            assertThatThrownBy(() -> files.read(sha)).as("seed %d run %d", seed, run)
                    .isInstanceOfSatisfying(DocumentRefusedException.class,
                            refused -> assertThat(refused.reason()).isEqualTo(DocumentRefusedException.Reason.DOCUMENT_CHANGED));
        }
        assertThatThrownBy(() -> files.read("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.read("0".repeat(64))).isInstanceOf(DocumentRefusedException.class);
    }
}

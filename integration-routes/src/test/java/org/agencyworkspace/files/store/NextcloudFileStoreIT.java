package org.agencyworkspace.files.store;

import org.agencyworkspace.connector.FilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.WriteCondition;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Nextcloud file store against the real WebDAV server of deploy/local (Apache laid out as
 * Nextcloud): folders made on the way, CJK names, streamed content, the label shown as our
 * WebDAV property, and a conditional write refused when the file changed meanwhile.
 */
class NextcloudFileStoreIT {

    private final String user = StackEnvironment.require("WORKSPACE_WEBDAV_USER");
    private final Path filesOnDisk = Path.of(StackEnvironment.require("WORKSPACE_WEBDAV_FILES"))
            .resolve(user);
    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(URI.create(StackEnvironment.require("WORKSPACE_WEBDAV_URL")))
            .credentials(user, StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"))
            .plainUploadOnly()
            .build();
    private final NextcloudFileStore store = new NextcloudFileStore(nextcloud);
    private final FilePath top = FilePath.of("/it-store-" + UUID.randomUUID().toString().substring(0, 8) + " 人事室");

    @AfterEach
    void removeFolder() {
        try (nextcloud) {
            nextcloud.files().delete(top, WriteCondition.none());
        }
    }

    @Test
    void writesIntoNewFoldersListsReadsAndShowsTheLabel() throws IOException {
        FilePath file = top.resolve("2026").resolve("名冊 #1.txt");

        StoredFile written = store.write(file, bytes("第一版"), null);

        assertThat(written.path()).isEqualTo(file);
        assertThat(written.folder()).isFalse();
        assertThat(written.fileId()).startsWith("dav-");
        assertThat(store.list(top)).extracting(StoredFile::path).containsExactly(top.resolve("2026"));
        assertThat(store.list(top.resolve("2026"))).singleElement()
                .satisfies(entry -> assertThat(entry.size()).isEqualTo(9));
        try (InputStream content = store.open(file)) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("第一版");
        }

        store.showLabel(written, "secret", "{\"level\":\"secret\",\"reason\":\"人事資料\"}");

        assertThat(nextcloud.files().stat(file, Set.of(NextcloudFileStore.LABEL_PROPERTY))
                .orElseThrow().property(NextcloudFileStore.LABEL_PROPERTY))
                .hasValue("{\"level\":\"secret\",\"reason\":\"人事資料\"}");
    }

    @Test
    void aConditionalWriteIsRefusedWhenTheFileChangedMeanwhile() throws IOException {
        FilePath file = top.resolve("report.txt");
        store.write(file, bytes("one"), null);
        String read = strongEtagOf(file, 120);
        store.write(file, bytes("two, by someone else"), null);
        assertThat(strongEtagOf(file, 60)).isNotEqualTo(read);

        assertThatThrownBy(() -> store.write(file, bytes("three"), read))
                .isInstanceOf(VersionConflictException.class);
        try (InputStream content = store.open(file)) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("two, by someone else");
        }
    }

    /**
     * Apache gives a weak ETag for a file changed within the last second, which never matches;
     * Nextcloud's are strong. Setting the mtime back on disk stands in for that second.
     */
    private String strongEtagOf(FilePath file, long secondsAgo) throws IOException {
        Path onDisk = filesOnDisk;
        for (String segment : file.segments()) {
            onDisk = onDisk.resolve(segment);
        }
        Files.setLastModifiedTime(onDisk, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        String etag = store.stat(file).orElseThrow().etag();
        assertThat(etag).doesNotStartWith("W/");
        return etag;
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

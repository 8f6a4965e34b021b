package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NextcloudFiles} against the real Apache {@code mod_dav} of deploy/local, laid out like
 * Nextcloud ({@code /remote.php/dav/files/<user>/}). Apache has no chunked upload, so the
 * connector is built with {@code plainUploadOnly()} here; chunked upload is tested against a
 * stub ({@code ChunkedUploadTest}). Each test works in its own folder, removed afterwards.
 */
class NextcloudFilesIT {

    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private static final String LABEL = "classification";

    private final String user = StackEnvironment.require("WORKSPACE_WEBDAV_USER");
    private final Path filesOnDisk = Path.of(StackEnvironment.require("WORKSPACE_WEBDAV_FILES"))
            .resolve(user);
    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(URI.create(StackEnvironment.require("WORKSPACE_WEBDAV_URL")))
            .credentials(user, StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"))
            .plainUploadOnly()
            .build();
    private final NextcloudFiles files = nextcloud.files();
    /** A name that needs every kind of escaping: CJK, a space, # and %. */
    private final FilePath folder = FilePath.exact("it-" + UUID.randomUUID() + " 公文 #1 100%");

    @BeforeEach
    void createFolder() {
        assertThat(files.createFolder(folder)).isTrue();
    }

    @AfterEach
    void removeFolder() {
        try (nextcloud) {
            files.delete(folder, WriteCondition.none());
        }
    }

    @Test
    void listReportsTypeSizeEtagAndOurCjkProperties() {
        FilePath memo = folder.resolve("簽呈 第 1 號 #急件 50%.txt");
        upload(memo, "機密文件內容");
        files.createFolder(folder.resolve("附件"));
        String label = "{\"level\":\"密\",\"標籤\":\"限閱 <內部> & 不得外流\"}";
        files.updateProperties(memo, Map.of(LABEL, label, "reviewer", "王小明"), Set.of());

        List<DavEntry> listing = files.list(folder, Set.of(LABEL, "reviewer", "absent"));

        assertThat(listing).extracting(entry -> entry.path().name())
                .containsExactlyInAnyOrder("簽呈 第 1 號 #急件 50%.txt", "附件");
        DavEntry file = listing.stream().filter(entry -> !entry.collection()).findFirst()
                .orElseThrow();
        assertThat(file.path()).isEqualTo(memo);
        assertThat(file.size()).isEqualTo("機密文件內容".getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.contentType()).startsWith("text/plain");
        assertThat(file.etag()).isPresent();
        assertThat(file.lastModified()).isNotNull();
        assertThat(file.properties()).containsOnly(Map.entry(LABEL, label),
                Map.entry("reviewer", "王小明"));
        assertThat(file.fileId()).as("Apache has no oc:fileid").isEmpty();
        DavEntry subfolder = listing.stream().filter(DavEntry::collection).findFirst()
                .orElseThrow();
        assertThat(subfolder.path()).isEqualTo(folder.resolve("附件"));
        assertThat(subfolder.properties()).isEmpty();

        files.updateProperties(memo, Map.of(), Set.of("reviewer"));
        assertThat(files.stat(memo, Set.of(LABEL, "reviewer")).orElseThrow().properties())
                .containsOnlyKeys(LABEL);
        assertThat(files.stat(folder.resolve("nothing here"), Set.of())).isEmpty();
        assertThatThrownBy(() -> files.list(folder.resolve("nothing here"), Set.of()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void fiftyMegabytesGoUpAndComeBackStreamed() throws Exception {
        FilePath known = folder.resolve("large known length.bin");
        FilePath unknown = folder.resolve("large unknown length.bin");

        String sent = sha256(new GeneratedContent(FIFTY_MB, 42), in ->
                assertThat(files.upload(known, in, FIFTY_MB, WriteCondition.none()).created())
                        .isTrue());
        sha256(new GeneratedContent(FIFTY_MB, 42), in ->
                files.upload(unknown, in, NextcloudFiles.UNKNOWN_LENGTH, WriteCondition.none()));

        assertThat(files.stat(known, Set.of()).orElseThrow().size()).isEqualTo(FIFTY_MB);
        for (FilePath path : List.of(known, unknown)) {
            try (Download download = files.download(path)) {
                assertThat(download.length()).hasValue(FIFTY_MB);
                assertThat(sha256(download.content(), in -> in.transferTo(OutputStream
                        .nullOutputStream()))).isEqualTo(sent);
            }
        }
    }

    @Test
    void closingADownloadEarlyAbortsItAndTheConnectorStaysUsable() throws IOException {
        FilePath large = folder.resolve("large.bin");
        files.upload(large, new GeneratedContent(FIFTY_MB, 7), FIFTY_MB, WriteCondition.none());

        try (Download download = files.download(large)) {
            assertThat(download.content().readNBytes(1024)).hasSize(1024);
        }
        assertThat(files.stat(large, Set.of())).isPresent();
    }

    @Test
    void aStreamShorterThanItsLengthIsRefusedAndNothingIsLeftHalfWritten() {
        FilePath file = folder.resolve("short.bin");

        assertThatThrownBy(() -> files.upload(file, new ByteArrayInputStream(new byte[10]), 20,
                WriteCondition.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 of 20 bytes");
        assertThat(files.stat(file, Set.of())).isEmpty();
    }

    @Test
    void foldersAreCreatedMovedCopiedAndDeleted() {
        FilePath drafts = folder.resolve("草稿");
        assertThat(files.createFolder(drafts)).isTrue();
        assertThat(files.createFolder(drafts)).as("already there").isFalse();
        assertThatThrownBy(() -> files.createFolder(folder.resolve("missing").resolve("child")))
                .isInstanceOf(ParentMissingException.class)
                .satisfies(e -> assertThat(((ParentMissingException) e).status()).isEqualTo(409));
        FilePath draft = drafts.resolve("預算 v1.txt");
        upload(draft, "first");
        files.updateProperties(draft, Map.of(LABEL, "普通"), Set.of());

        FilePath finalCopy = folder.resolve("預算 final.txt");
        files.copy(draft, finalCopy, false);
        // A MOVE into a missing folder is 409 on Nextcloud but 500 on Apache: stub-tested only.
        FilePath moved = folder.resolve("已核定").resolve("預算.txt");
        files.createFolder(moved.parent().orElseThrow());
        files.move(draft, moved, false, WriteCondition.none());

        assertThat(files.stat(draft, Set.of())).isEmpty();
        assertThat(files.stat(moved, Set.of(LABEL)).orElseThrow().properties())
                .as("dead properties move with the file").containsEntry(LABEL, "普通");
        assertThat(read(finalCopy)).isEqualTo("first");
        assertThatThrownBy(() -> files.copy(moved, finalCopy, false))
                .isInstanceOf(PreconditionFailedException.class);
        files.copy(moved, finalCopy, true);
        assertThatThrownBy(() -> files.move(folder.resolve("gone.txt"), moved, true,
                WriteCondition.none())).isInstanceOf(NotFoundException.class);

        assertThat(files.delete(drafts, WriteCondition.none())).isTrue();
        assertThat(files.delete(drafts, WriteCondition.none())).as("already gone").isFalse();
        assertThatThrownBy(() -> files.download(draft)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void ifMatchWritesOnlyOverTheVersionRead() throws IOException {
        FilePath report = folder.resolve("月報.txt");
        upload(report, "version 1");
        ETag read = strongEtagOf(report);

        Upload replaced = files.upload(report, utf8("version 2"), 9, WriteCondition.ifMatch(read));

        assertThat(replaced.created()).isFalse();
        assertThat(read(report)).isEqualTo("version 2");
        assertThatThrownBy(() -> files.upload(report, utf8("version 3"), 9,
                WriteCondition.ifMatch(read)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.status()).isEqualTo(412));
        assertThatThrownBy(() -> files.delete(report, WriteCondition.ifMatch(read)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> files.move(report, folder.resolve("x.txt"), false,
                WriteCondition.ifMatch(read))).isInstanceOf(PreconditionFailedException.class);
        assertThat(read(report)).isEqualTo("version 2");

        ETag current = strongEtagOf(report);
        assertThat(current).isNotEqualTo(read);
        assertThat(files.delete(report, WriteCondition.ifMatch(current))).isTrue();
    }

    @Test
    void ifAbsentCreatesOnlyOnce() {
        FilePath minutes = folder.resolve("會議紀錄.txt");

        assertThat(files.upload(minutes, utf8("mine"), 4, WriteCondition.ifAbsent()).created())
                .isTrue();
        assertThatThrownBy(() -> files.upload(minutes, utf8("theirs"), 6,
                WriteCondition.ifAbsent())).isInstanceOf(PreconditionFailedException.class);
        assertThat(read(minutes)).isEqualTo("mine");
    }

    /**
     * The file's ETag once it is older than a second. Apache marks the ETag of a file changed
     * within the last second weak, and a weak tag never satisfies If-Match; Nextcloud's are
     * always strong. Setting the mtime back on disk stands in for that second, no sleeping.
     */
    private ETag strongEtagOf(FilePath path) throws IOException {
        Path onDisk = filesOnDisk;
        for (String segment : path.toString().substring(1).split("/")) {
            onDisk = onDisk.resolve(segment);
        }
        Files.setLastModifiedTime(onDisk, FileTime.from(Instant.now().minusSeconds(60)));
        ETag etag = files.stat(path, Set.of()).orElseThrow().etag().orElseThrow();
        assertThat(etag.weak()).isFalse();
        return etag;
    }

    private void upload(FilePath path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        files.upload(path, new ByteArrayInputStream(bytes), bytes.length, WriteCondition.none());
    }

    private String read(FilePath path) {
        try (Download download = files.download(path)) {
            return new String(download.content().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface StreamUse {
        void accept(InputStream in) throws IOException;
    }

    /** The SHA-256 of what {@code use} read from {@code in}. */
    private static String sha256(InputStream in, StreamUse use) throws IOException {
        try {
            DigestInputStream digesting = new DigestInputStream(in,
                    MessageDigest.getInstance("SHA-256"));
            use.accept(digesting);
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code length} pseudo-random bytes made as they are read, never held in memory. */
    private static final class GeneratedContent extends InputStream {
        private final SplittableRandom random;
        private long remaining;

        GeneratedContent(long length, long seed) {
            this.remaining = length;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int count = (int) Math.min(length, remaining);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) random.nextInt(256);
            }
            remaining -= count;
            return count;
        }
    }
}

package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.agencyworkspace.connector.nextcloud.FakeNextcloudUploads.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads against {@link FakeNextcloudUploads}, a stub of Nextcloud's chunked upload v2 built
 * from the reference: Apache {@code mod_dav} cannot assemble chunks, so this path has no real
 * server here.
 */
class ChunkedUploadTest {

    private static final int THRESHOLD = 64 * 1024;
    private static final int CHUNK = 16 * 1024;
    private static final String TARGET = FakeNextcloudUploads.FILES
            + "%E5%85%AC%E6%96%87/%E5%B9%B4%E5%BA%A6%20%E5%A0%B1%E5%91%8A%20%231.pdf";
    private static final FilePath PATH = FilePath.exact("公文/年度 報告 #1.pdf");

    private final FakeNextcloudUploads server = new FakeNextcloudUploads();
    private final NextcloudConnector nextcloud = NextcloudConnector.builder()
            .davUrl(server.davUrl()).credentials("workspace", "app-password")
            .chunkedUpload(THRESHOLD, CHUNK).build();

    @AfterEach
    void stop() {
        nextcloud.close();
        server.close();
    }

    @Test
    void aKnownLengthAboveTheThresholdGoesInNumberedChunksThenOneMove() {
        byte[] content = bytes(5 * CHUNK + 123);

        Upload upload = nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length, WriteCondition.none());

        assertThat(upload).isEqualTo(new Upload(true, java.util.Optional.of(
                ETag.parse("\"v1\"")), 6));
        assertThat(server.file(TARGET)).hasValue(content);
        String destination = server.davUrl().resolve(TARGET).toString();
        List<Request> requests = server.received();
        assertThat(requests).extracting(Request::method)
                .containsExactly("MKCOL", "PUT", "PUT", "PUT", "PUT", "PUT", "PUT", "MOVE");
        String folder = requests.get(0).rawPath();
        assertThat(folder).startsWith(FakeNextcloudUploads.UPLOADS);
        assertThat(requests.get(0).header("Destination")).hasValue(destination);
        assertThat(requests.subList(1, 7)).extracting(Request::rawPath).containsExactly(
                folder + "/00001", folder + "/00002", folder + "/00003", folder + "/00004",
                folder + "/00005", folder + "/00006");
        assertThat(requests.subList(1, 7)).extracting(Request::bodySize)
                .containsExactly(CHUNK, CHUNK, CHUNK, CHUNK, CHUNK, 123);
        assertThat(requests.subList(1, 7)).allSatisfy(put -> {
            assertThat(put.header("Destination")).hasValue(destination);
            assertThat(put.header("OC-Total-Length")).hasValue(Integer.toString(content.length));
            assertThat(put.header("Authorization")).isPresent();
        });
        Request move = requests.get(7);
        assertThat(move.rawPath()).isEqualTo(folder + "/.file");
        assertThat(move.header("Destination")).hasValue(destination);
        assertThat(move.header("OC-Total-Length")).hasValue(Integer.toString(content.length));
        assertThat(move.header("Overwrite")).hasValue("T");
        assertThat(server.openUploads()).isEmpty();
    }

    @Test
    void upToTheThresholdIsOnePlainPut() {
        byte[] content = bytes(THRESHOLD);

        Upload upload = nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length, WriteCondition.none());

        assertThat(upload.chunks()).isZero();
        assertThat(server.received()).singleElement().satisfies(put -> {
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.rawPath()).isEqualTo(TARGET);
            assertThat(put.header("Content-Length")).hasValue(Integer.toString(THRESHOLD));
        });
        assertThat(server.file(TARGET)).hasValue(content);
    }

    @Test
    void anUnknownLengthIsChunkedOnceItOutgrowsOneChunkAndTheMoveCarriesTheTotal() {
        byte[] content = bytes(THRESHOLD + CHUNK / 2);

        Upload upload = nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                NextcloudFiles.UNKNOWN_LENGTH, WriteCondition.none());

        assertThat(upload.chunks()).isEqualTo(5);
        assertThat(server.file(TARGET)).hasValue(content);
        assertThat(server.received("PUT")).allSatisfy(put ->
                assertThat(put.header("OC-Total-Length")).isEmpty());
        assertThat(server.received("MOVE")).singleElement().satisfies(move ->
                assertThat(move.header("OC-Total-Length"))
                        .hasValue(Integer.toString(content.length)));
    }

    @Test
    void aSmallStreamOfUnknownLengthIsOnePutWithItsLength() {
        byte[] content = bytes(CHUNK - 1);

        nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                NextcloudFiles.UNKNOWN_LENGTH, WriteCondition.none());

        assertThat(server.received()).singleElement().satisfies(put ->
                assertThat(put.header("Content-Length")).hasValue(Integer.toString(CHUNK - 1)));
    }

    @Test
    void ifMatchIsATaggedIfOnTheDestinationAndAMismatchRemovesTheUpload() {
        String current = server.store(TARGET, new byte[] {1});
        byte[] content = bytes(THRESHOLD + 1);

        nextcloud.files().upload(PATH, new ByteArrayInputStream(content), content.length,
                WriteCondition.ifMatch(ETag.parse(current)));

        String destination = server.davUrl().resolve(TARGET).toString();
        assertThat(server.received("MOVE").get(0).header("If"))
                .hasValue("<" + destination + "> ([" + current + "])");
        assertThat(server.file(TARGET)).hasValue(content);
        assertThatThrownBy(() -> nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length, WriteCondition.ifMatch(ETag.parse(current))))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(server.openUploads()).as("the chunks are deleted").isEmpty();
        assertThat(server.received("DELETE")).hasSize(1);
    }

    @Test
    void createOnlyIsOverwriteFalseOnTheMove() {
        server.store(TARGET, new byte[] {1});
        byte[] content = bytes(THRESHOLD + 1);

        assertThatThrownBy(() -> nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length, WriteCondition.ifAbsent()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(server.received("MOVE").get(0).header("Overwrite")).hasValue("F");
        assertThat(server.file(TARGET)).hasValue(new byte[] {1});
        assertThat(server.openUploads()).isEmpty();
    }

    @Test
    void aRefusedChunkStopsTheUploadAndDeletesWhatWasSent() {
        server.failChunk("00002", 507);
        byte[] content = bytes(THRESHOLD + 1);

        assertThatThrownBy(() -> nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length, WriteCondition.none()))
                .isInstanceOf(InsufficientStorageException.class);

        assertThat(server.received()).extracting(Request::method)
                .containsExactly("MKCOL", "PUT", "PUT", "DELETE");
        assertThat(server.openUploads()).isEmpty();
        assertThat(server.file(TARGET)).isEmpty();
    }

    @Test
    void aStreamEndingBeforeItsLengthIsTheCallersFaultAndTheUploadIsRemoved() {
        byte[] content = bytes(THRESHOLD + 1);

        assertThatThrownBy(() -> nextcloud.files().upload(PATH, new ByteArrayInputStream(content),
                content.length + CHUNK, WriteCondition.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ended after");

        assertThat(server.openUploads()).isEmpty();
        assertThat(server.file(TARGET)).isEmpty();
    }

    @Test
    void plainUploadOnlySendsEvenLargeContentAsOneStreamedPut() {
        try (NextcloudConnector plain = NextcloudConnector.builder().davUrl(server.davUrl())
                .credentials("workspace", "app-password").plainUploadOnly().build()) {
            byte[] content = bytes(THRESHOLD * 2);
            InputStream unknownLength = new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(content, 0, THRESHOLD),
                    new ByteArrayInputStream(content, THRESHOLD, THRESHOLD))));

            plain.files().upload(PATH, unknownLength, NextcloudFiles.UNKNOWN_LENGTH,
                    WriteCondition.none());

            assertThat(server.received()).singleElement().satisfies(put -> {
                assertThat(put.method()).isEqualTo("PUT");
                assertThat(put.header("Transfer-Encoding")).hasValue("chunked");
            });
            assertThat(server.file(TARGET)).hasValue(content);
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

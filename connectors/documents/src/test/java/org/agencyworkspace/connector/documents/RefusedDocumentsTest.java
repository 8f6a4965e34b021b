package org.agencyworkspace.connector.documents;

import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.ARCHIVE_BOMB;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.CORRUPT;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.EMPTY;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.PASSWORD_REQUIRED;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.TOO_LARGE;
import static org.agencyworkspace.connector.documents.DocumentRejectedException.Reason.UNSUPPORTED_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.agencyworkspace.connector.documents.DocumentRejectedException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is refused with a typed reason, and the caller's stream receives not one byte. */
class RefusedDocumentsTest {

    @TempDir
    Path work;

    static Stream<Arguments> badDocuments() {
        byte[] good = AwkwardPdfs.textPages(3);
        return Stream.of(
                Arguments.of("empty file", new byte[0], EMPTY),
                Arguments.of("truncated to half", AwkwardPdfs.truncated(good, good.length / 2), CORRUPT),
                Arguments.of("truncated before its end marker", AwkwardPdfs.truncated(good, good.length - 8), CORRUPT),
                Arguments.of("only a header", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), CORRUPT),
                Arguments.of("noise between header and end", AwkwardPdfs.garbageBetweenHeaderAndEnd(), CORRUPT),
                Arguments.of("needs a user password", AwkwardPdfs.encrypted("owner-secret", "user-secret"),
                        PASSWORD_REQUIRED),
                Arguments.of("plain text", "not a document".getBytes(StandardCharsets.UTF_8), UNSUPPORTED_TYPE),
                Arguments.of("an Office file without a converter", zip("word/document.xml", 10), UNSUPPORTED_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void isRefusedAndNothingIsWritten(String what, byte[] document, Reason reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DocumentRejectedException refusal = catchThrowableOfType(DocumentRejectedException.class,
                () -> watermarker().build().watermark(Marked.MARKING, new ByteArrayInputStream(document), out));

        assertThat(refusal.reason()).isEqualTo(reason);
        assertThat(refusal.retryable()).isFalse();
        assertThat(out.size()).isZero();
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void tooManyBytesOrPagesAreRefused() {
        byte[] document = AwkwardPdfs.textPages(5);

        assertThat(refusal(watermarker().maxInputBytes(document.length - 1).build(), document)).isEqualTo(TOO_LARGE);
        assertThat(refusal(watermarker().maxPages(4).build(), document)).isEqualTo(TOO_LARGE);
    }

    @Test
    void aZipBombIsRefusedBeforeLibreOfficeRuns() {
        OfficeConverter converter = OfficeConverter.builder(new LibreOfficeInstallation(work.resolve("no-office")))
                .maxExpandedBytes(1024 * 1024).build();
        Watermarker watermarker = watermarker().officeConverter(converter).build();

        assertThat(refusal(watermarker, zip("word/document.xml", 8 * 1024 * 1024))).isEqualTo(ARCHIVE_BOMB);
        assertThat(refusal(watermarker, zip("something/else.xml", 10))).isEqualTo(UNSUPPORTED_TYPE);
        assertThat(refusal(watermarker, AwkwardPdfs.truncated(zip("word/document.xml", 4096), 60))).isEqualTo(CORRUPT);
    }

    @Test
    void theHttpStatusSaysWhoseFaultItIs() {
        assertThat(EMPTY.httpStatus()).isEqualTo(422);
        assertThat(TOO_LARGE.httpStatus()).isEqualTo(413);
        assertThat(UNSUPPORTED_TYPE.httpStatus()).isEqualTo(415);
        assertThat(Reason.UNKNOWN_LABEL.httpStatus()).isEqualTo(400);
    }

    private Watermarker.Builder watermarker() {
        return Watermarker.builder().workDirectory(work);
    }

    private static Reason refusal(Watermarker watermarker, byte[] document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Reason reason = catchThrowableOfType(DocumentRejectedException.class,
                () -> watermarker.watermark(Marked.MARKING, new ByteArrayInputStream(document), out)).reason();
        assertThat(out.size()).isZero();
        return reason;
    }

    /** An OOXML-looking package whose one part expands to {@code size} zero bytes. */
    private static byte[] zip(String part, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(part));
            byte[] zeros = new byte[64 * 1024];
            for (int written = 0; written < size; written += zeros.length) {
                zip.write(zeros, 0, Math.min(zeros.length, size - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void theTemporaryFolderIsRemovedAfterSuccessToo() throws IOException {
        Marked.watermark(watermarker().build(), AwkwardPdfs.textPages(1));

        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}

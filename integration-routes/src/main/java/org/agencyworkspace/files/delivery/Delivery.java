package org.agencyworkspace.files.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy ready to be sent: its content in a private temporary file, deleted on close.
 *
 * @param content the bytes to send
 * @param contentType their media type
 * @param fileName the name to offer ({@code .pdf} appended when marked)
 * @param marked whether it is a marked, registered copy
 * @param deliveryId the copy register's id of it, or null when not marked
 * @param copyNumber its number among the file's copies, or 0 when not marked
 */
public record Delivery(Path content, String contentType, String fileName, boolean marked,
        String deliveryId, int copyNumber) implements AutoCloseable {

    public long size() {
        try {
            return Files.size(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the temporary copy " + content, e);
        }
    }
}

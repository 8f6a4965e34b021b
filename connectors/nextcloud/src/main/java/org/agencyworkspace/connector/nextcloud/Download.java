package org.agencyworkspace.connector.nextcloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file being read from the server. {@link #content()} streams the body as it arrives; close
 * the download (try-with-resources) to release the connection. Closing before the end aborts
 * the transfer instead of reading the rest.
 *
 * @param content the body; read it once
 * @param etag the {@code ETag} of what is being read, when the server sent one
 * @param length {@code Content-Length}, when the server sent one
 * @param contentType {@code Content-Type}; empty when not sent
 */
public record Download(InputStream content, Optional<ETag> etag, OptionalLong length,
        String contentType) implements AutoCloseable {

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the download failed", e);
        }
    }
}

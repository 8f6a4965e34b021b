package org.agencyworkspace.connector.nextcloud;

import com.github.sardine.impl.methods.HttpMkCol;
import com.github.sardine.impl.methods.HttpMove;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.InputStreamEntity;

/**
 * Nextcloud's chunked upload, version 2 (reference §9): {@code MKCOL} an upload folder under
 * {@code /remote.php/dav/uploads/<user>/}, {@code PUT} the chunks into it as {@code 00001},
 * {@code 00002}, ... (each with {@code Destination}, and {@code OC-Total-Length} when the size
 * is known), then {@code MOVE} its {@code .file} onto the destination, which makes the server
 * assemble them. If anything fails after the folder exists, the folder is deleted so the
 * server does not keep the chunks for its 24 hours.
 *
 * <p>The write condition is sent with the final {@code MOVE}, the only request that touches the
 * destination: {@code If-Match} as the RFC 4918 tagged {@code If} header naming the destination
 * (a plain {@code If-Match} on a {@code MOVE} is checked against its source, the upload), and
 * create-only as {@code Overwrite: F}. So a conflict shows only after every chunk went up.
 */
final class ChunkedUpload {

    private final DavTransport transport;
    private final String uploadsRoot;
    private final UploadSettings settings;

    /**
     * @param uploadsRoot the account's upload root URL, {@code .../remote.php/dav/uploads/<user>/}
     */
    ChunkedUpload(DavTransport transport, String uploadsRoot, UploadSettings settings) {
        this.transport = transport;
        this.uploadsRoot = uploadsRoot;
        this.settings = settings;
    }

    /**
     * Uploads {@code chunks} to the file at URL {@code destination}.
     *
     * @param length the total, sent as {@code OC-Total-Length} with each chunk; negative when
     *     unknown, then only the final {@code MOVE} carries it
     */
    Upload upload(String destination, Chunks chunks, long length, WriteCondition condition) {
        String folder = uploadsRoot + "aw-" + UUID.randomUUID();
        HttpMkCol mkcol = new HttpMkCol(folder);
        mkcol.setHeader("Destination", destination);
        transport.send(mkcol);
        try {
            long sent = 0;
            int number = 0;
            for (Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                number++;
                if (number > UploadSettings.MAX_CHUNKS) {
                    throw new IllegalArgumentException("content needs more than "
                            + UploadSettings.MAX_CHUNKS + " chunks: raise the chunk size");
                }
                HttpPut put = new HttpPut(folder + "/" + String.format("%05d", number));
                put.setHeader("Destination", destination);
                if (length >= 0) {
                    put.setHeader("OC-Total-Length", Long.toString(length));
                }
                put.setEntity(chunk.entity());
                transport.send(put);
                sent += chunk.length();
            }
            HttpMove move = new HttpMove(folder + "/.file", destination,
                    !condition.mustBeAbsent());
            move.setHeader("OC-Total-Length", Long.toString(sent));
            condition.expected().ifPresent(etag ->
                    move.setHeader("If", "<" + destination + "> ([" + etag + "])"));
            int chunkCount = number;
            return transport.send(move, status -> false, response -> new Upload(
                    response.getStatusLine().getStatusCode() == 201,
                    SardineNextcloudFiles.etag(response), chunkCount));
        } catch (RuntimeException failure) {
            abandon(folder, failure);
            throw failure;
        }
    }

    /** The chunks of a stream whose length is known: each streamed, none held in memory. */
    Chunks streamed(InputStream content, long length) {
        long chunkSize = settings.chunkSizeFor(length);
        return new Chunks() {
            private long remaining = length;

            @Override
            public Chunk next() {
                if (remaining == 0) {
                    return null;
                }
                long size = Math.min(chunkSize, remaining);
                remaining -= size;
                return new Chunk(new InputStreamEntity(ContentStream.exactly(content, size), size),
                        size);
            }
        };
    }

    /**
     * The chunks of a stream of unknown length, each read into one buffer first so its length
     * is known; {@code first} is the part already read.
     */
    Chunks buffered(InputStream content, byte[] first) {
        return new Chunks() {
            private byte[] pending = first;

            @Override
            public Chunk next() {
                byte[] bytes = pending != null ? pending : readChunk(content,
                        settings.chunkSize());
                pending = null;
                return bytes.length == 0 ? null
                        : new Chunk(new ByteArrayEntity(bytes), bytes.length);
            }
        };
    }

    /** Up to {@code size} bytes of {@code content}; fewer only at its end. */
    static byte[] readChunk(InputStream content, long size) {
        try {
            return content.readNBytes((int) size);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload content failed", e);
        }
    }

    private void abandon(String folder, RuntimeException failure) {
        try {
            transport.send(new HttpDelete(folder));
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** The chunks of one upload, produced one at a time as they are sent. */
    interface Chunks {
        /** The next chunk, or null after the last one. */
        Chunk next();
    }

    /** One chunk's body and its length. */
    record Chunk(HttpEntity entity, long length) {
    }
}

package org.agencyworkspace.connector.nextcloud;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's stream as a request body: never closed by the HTTP client (the caller owns it,
 * and chunks share it), and when a length was promised, exactly that many bytes, failing if the
 * stream ends early rather than leaving the server waiting for the rest.
 */
final class ContentStream extends FilterInputStream {

    /** The stream ended before the promised length. */
    static final class EndedEarlyException extends IOException {
        private static final long serialVersionUID = 1L;

        EndedEarlyException(long read, long promised) {
            super("the content ended after " + read + " of " + promised + " bytes");
        }
    }

    /** Reading the caller's stream failed: the content's fault, not the server's. */
    static final class ContentUnreadableException extends IOException {
        private static final long serialVersionUID = 1L;

        ContentUnreadableException(IOException cause) {
            super("reading the upload content failed: " + cause.getMessage(), cause);
        }
    }

    private final long promised;
    private long read;

    private ContentStream(InputStream in, long promised) {
        super(in);
        this.promised = promised;
    }

    /** The next {@code length} bytes of {@code in}. */
    static ContentStream exactly(InputStream in, long length) {
        return new ContentStream(in, length);
    }

    /** Everything left in {@code in}. */
    static ContentStream untilEnd(InputStream in) {
        return new ContentStream(in, NextcloudFiles.UNKNOWN_LENGTH);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int wanted = promised < 0 ? length : (int) Math.min(length, promised - read);
        if (wanted == 0 && length > 0) {
            return -1;
        }
        int count;
        try {
            count = in.read(buffer, offset, wanted);
        } catch (IOException e) {
            throw new ContentUnreadableException(e);
        }
        if (count < 0) {
            if (promised >= 0 && read < promised) {
                throw new EndedEarlyException(read, promised);
            }
            return -1;
        }
        read += count;
        return count;
    }

    /**
     * The exception for a failed request whose cause is the content rather than the server:
     * {@link IllegalArgumentException} when it ended early, {@link java.io.UncheckedIOException}
     * when it could not be read; null for any other failure.
     */
    static RuntimeException contentFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EndedEarlyException early) {
                return new IllegalArgumentException(early.getMessage(), early);
            }
            if (cause instanceof ContentUnreadableException unreadable) {
                return new java.io.UncheckedIOException(unreadable);
            }
        }
        return null;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported on upload content");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The caller's stream stays open: the caller closes it, and the next chunk reads on.
    }
}

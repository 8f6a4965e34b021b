package org.agencyworkspace.files.editing;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A PutFile body read straight from the editor's request into the store: exactly the announced
 * number of bytes, failing (and so failing the store's all-or-nothing write) when the body ends
 * early, breaks off or runs past its length. {@link #broken()} then tells the host that the
 * body, not the store, was at fault.
 */
final class SaveBody extends FilterInputStream {

    private final long length;
    private long read;
    private IOException broken;

    SaveBody(InputStream in, long length) {
        super(in);
        this.length = length;
    }

    /** The announced length. */
    long length() {
        return length;
    }

    /** Why the body could not be read whole, or null when it was fine so far. */
    IOException broken() {
        return broken;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int wanted) throws IOException {
        if (broken != null) {
            throw broken;
        }
        if (read == length) {
            // The announced length is all the store takes; a byte more is a broken body.
            if (wanted > 0 && in.read() >= 0) {
                throw broken(new IOException("the body runs past its " + length + " bytes"));
            }
            return -1;
        }
        int n;
        try {
            n = in.read(buffer, offset, (int) Math.min(wanted, length - read));
        } catch (IOException e) {
            throw broken(e);
        }
        if (n < 0) {
            throw broken(new EOFException("the body ended after " + read + " of " + length + " bytes"));
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a save body is read, not skipped");
    }

    private IOException broken(IOException cause) {
        broken = cause;
        return cause;
    }
}

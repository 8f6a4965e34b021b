package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * A growable byte buffer for rewriting one page's content. PDFBox's {@code ContentStreamWriter}
 * writes strings a byte at a time; {@link java.io.ByteArrayOutputStream} takes a lock for each
 * byte, which cost a third of the whole watermarking time on text pages. One thread only.
 */
final class ContentBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    ContentBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        if (length > bytes.length - size) {
            grow(length);
        }
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /**
     * Appends what {@code in} yields, at most {@code limit} bytes in all; returns false, with the
     * buffer holding {@code limit} bytes, when there was more.
     */
    boolean readFrom(InputStream in, int limit) throws IOException {
        while (size < limit) {
            if (size == bytes.length) {
                grow(Math.min(limit - size, Math.max(size, 8192)));
            }
            int n = in.read(bytes, size, Math.min(bytes.length, limit) - size);
            if (n < 0) {
                return true;
            }
            size += n;
        }
        return in.read() < 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** The bytes compressed as a FlateDecode stream holds them (zlib, the default level). */
    byte[] deflated() {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(bytes, 0, size);
            deflater.finish();
            ContentBuffer out = new ContentBuffer(size / 4 + 64);
            while (!deflater.finished()) {
                if (out.size == out.bytes.length) {
                    out.grow(out.bytes.length);
                }
                out.size += deflater.deflate(out.bytes, out.size, out.bytes.length - out.size);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void grow(int needed) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
    }
}

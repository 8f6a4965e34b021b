package org.agencyworkspace.platform.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a growing log file written one line per record (the application's JSON log, Nextcloud's
 * audit log) from a byte offset kept in {@link AuditCursors}: complete lines only, so a line
 * still being written waits for the next read; a file's identity tells a rotated file from the
 * one the offset belongs to.
 */
public final class LogFileLines {

    /**
     * One complete line.
     *
     * @param start its first byte's offset
     * @param end the offset after its newline: where the next read starts
     * @param text the line, stripped
     * @param cut whether it was longer than the limit and was cut
     */
    public record Line(long start, long end, String text, boolean cut) {
    }

    private LogFileLines() {
    }

    /** Complete, non-blank lines from {@code offset}, at most {@code max}, each cut at {@code maxLine} bytes. */
    public static List<Line> read(Path file, long offset, int max, int maxLine) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            InputStream stream = Channels.newInputStream(in.getChannel());
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            long start = offset;
            long position = offset;
            boolean cut = false;
            byte[] buffer = new byte[64 * 1024];
            int read;
            while (lines.size() < max && (read = stream.read(buffer)) > 0) {
                for (int i = 0; i < read && lines.size() < max; i++) {
                    byte b = buffer[i];
                    position++;
                    if (b == '\n') {
                        String text = current.toString(StandardCharsets.UTF_8).strip();
                        if (!text.isEmpty()) {
                            lines.add(new Line(start, position, text, cut));
                        }
                        current.reset();
                        cut = false;
                        start = position;
                    } else if (current.size() < maxLine) {
                        current.write(b);
                    } else {
                        cut = true;
                    }
                }
            }
        }
        return lines;
    }

    /** The file's identity: its inode (or creation time), so a rotated file is a new one. */
    public static String identity(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = attributes.fileKey();
        return key != null ? key.toString() : Long.toString(attributes.creationTime().toMillis());
    }
}

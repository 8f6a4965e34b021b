package org.agencyworkspace.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A path inside the agency's file area, {@code /人事室/2026/名冊.pdf}: the one path type of the
 * application and of the file-store connectors. Two ways in:
 * <ul>
 * <li>{@link #of} for what people and the API name: checked once, here, before any store sees
 *     it — no {@code .} or {@code ..} segments, no control characters, no backslashes, at most
 *     1,000 characters — and normalised to Unicode NFC so the same name typed on two systems is
 *     the same path;</li>
 * <li>{@link #exact} for what a store reports: kept byte for byte (a name a Mac client wrote in
 *     NFD must be asked for in NFD), with only the checks that keep it a path below the root.</li>
 * </ul>
 */
public final class FilePath {

    private static final int MAX_LENGTH = 1000;
    private static final int MAX_SEGMENT = 255;

    private final List<String> segments;

    private FilePath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The top of the file area. */
    public static FilePath root() {
        return new FilePath(List.of());
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the path
     */
    public static FilePath of(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a path is required");
        }
        String path = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the path is longer than " + MAX_LENGTH + " characters");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            segments.add(checkSegment(segment));
        }
        return new FilePath(segments);
    }

    /**
     * A path as a store reports it, with or without leading or trailing slashes, unnormalised.
     *
     * @throws IllegalArgumentException when a segment is empty, {@code .} or {@code ..}, or holds
     *     a slash, a backslash or a control character
     */
    public static FilePath exact(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a path is required");
        }
        String trimmed = text.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return root();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.indexOf('\\') >= 0 || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("not a path below the root: " + printable(text));
            }
            segments.add(segment);
        }
        return new FilePath(segments);
    }

    /** The path of {@code name} inside this folder. */
    public FilePath resolve(String name) {
        List<String> child = new ArrayList<>(segments);
        child.add(checkSegment(Normalizer.normalize(name, Normalizer.Form.NFC)));
        FilePath resolved = new FilePath(child);
        // The same bound as a path read whole: stores and label records hold no longer paths.
        if (resolved.toString().length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the path is longer than " + MAX_LENGTH + " characters");
        }
        return resolved;
    }

    /** The folder holding this path; empty for the root. */
    public Optional<FilePath> parent() {
        return segments.isEmpty() ? Optional.empty()
                : Optional.of(new FilePath(segments.subList(0, segments.size() - 1)));
    }

    /** The last segment; empty for the root. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    public List<String> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /**
     * A stable id made from the path, for stores that have no file ids of their own (a local
     * folder, a plain WebDAV server): 32 hex digits of its SHA-256.
     */
    public String digest() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String checkSegment(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("'" + segment + "' is not allowed in a path");
        }
        if (segment.length() > MAX_SEGMENT) {
            throw new IllegalArgumentException("a name is longer than " + MAX_SEGMENT + " characters");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c) || c == '\\' || c == '/') {
                throw new IllegalArgumentException("the name '" + printable(segment)
                        + "' contains a control character or a backslash");
            }
        }
        if (!segment.strip().equals(segment)) {
            throw new IllegalArgumentException("the name '" + segment
                    + "' starts or ends with a space");
        }
        return segment;
    }

    private static String printable(String segment) {
        StringBuilder shown = new StringBuilder();
        segment.codePoints().forEach(c -> shown.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return shown.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilePath path && path.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** {@code /a/b}; {@code /} for the root. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}

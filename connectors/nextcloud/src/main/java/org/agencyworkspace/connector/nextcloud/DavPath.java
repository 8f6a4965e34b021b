package org.agencyworkspace.connector.nextcloud;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path below one account's files root ({@code /remote.php/dav/files/<user>/}), made of
 * segments that are each checked and percent-encoded on their own, so names with spaces,
 * {@code #}, {@code %} or CJK characters reach the server as they are.
 *
 * <p>Refused with {@link IllegalArgumentException} before any request: {@code .} and {@code ..}
 * segments, empty segments ({@code a//b}), backslashes and control characters. The root is the
 * path with no segments.
 */
public final class DavPath {

    private static final DavPath ROOT = new DavPath(List.of());

    private final List<String> segments;

    private DavPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** The files root itself. */
    public static DavPath root() {
        return ROOT;
    }

    /**
     * The path {@code relative}, with or without a leading or trailing slash: {@code "/"} and
     * {@code ""} are the root, {@code "Reports/2025/季報.pdf"} is three segments.
     *
     * @throws IllegalArgumentException when a segment is {@code .}, {@code ..}, empty, or holds a
     *     backslash or a control character
     */
    public static DavPath of(String relative) {
        if (relative == null) {
            throw new IllegalArgumentException("path required");
        }
        String trimmed = relative.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return ROOT;
        }
        List<String> segments = Arrays.asList(trimmed.split("/", -1));
        segments.forEach(segment -> check(segment, relative));
        return new DavPath(segments);
    }

    /** This path with one more segment, {@code name}, checked like any other segment. */
    public DavPath resolve(String name) {
        check(name, name);
        List<String> longer = new ArrayList<>(segments);
        longer.add(name);
        return new DavPath(longer);
    }

    /** The folder holding this path; the root for a top-level name and for the root itself. */
    public DavPath parent() {
        return segments.isEmpty() ? ROOT : new DavPath(segments.subList(0, segments.size() - 1));
    }

    /** The last segment; empty for the root. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The segments percent-encoded and joined by {@code /}, without a leading slash. */
    String encoded() {
        return String.join("/", segments.stream().map(DavPath::encodeSegment).toList());
    }

    /** RFC 3986 unreserved characters stay, every other UTF-8 byte becomes {@code %XX}. */
    static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static void check(String segment, String whole) {
        if (segment == null || segment.isEmpty()) {
            throw new IllegalArgumentException("empty path segment in " + printable(whole));
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("path may not contain . or ..: " + printable(whole));
        }
        if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("name may not contain / or \\: " + printable(whole));
        }
        if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("path may not contain control characters: "
                    + printable(whole));
        }
    }

    private static String printable(String text) {
        return text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DavPath path && path.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The path with a leading slash, unencoded: {@code /Reports/季報.pdf}; {@code /} for root. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}

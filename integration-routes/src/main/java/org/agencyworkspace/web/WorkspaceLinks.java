package org.agencyworkspace.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The one check for a link or return address the workspace accepts from outside and later sends
 * people to (approval links, return paths): it must be a path on this workspace, already in
 * normal form. Anything a browser could read as another origin is refused rather than repaired:
 * browsers treat {@code \} as {@code /} and drop tabs and newlines, so {@code /\evil.example/}
 * and {@code /<TAB>/evil.example} are {@code //evil.example} to them; percent-encoded slashes,
 * backslashes and dots ({@code %2F}, {@code %5C}, {@code %2E}) are refused in the path for the
 * same reason (servers and proxies decode them), as is a {@code %25} that hides a second round.
 */
public final class WorkspaceLinks {

    /** The longest link accepted. */
    public static final int MAX_LENGTH = 1000;

    private WorkspaceLinks() {
    }

    /**
     * The link, when it is a workspace path in normal form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String require(String link) {
        String problem = problem(link);
        if (problem != null) {
            throw new IllegalArgumentException("a link is a path in the workspace such as "
                    + "/expenses/1: " + problem);
        }
        return link;
    }

    /** The link when it is a workspace path in normal form, else empty. */
    public static Optional<String> safe(String link) {
        return problem(link) == null ? Optional.of(link) : Optional.empty();
    }

    /**
     * Where to send someone back to after signing in or confirming who they are: the path and
     * query of the request they were making, when it is a workspace path, else {@code fallback}.
     * The saved request is an absolute URL built from the Host header, which a client chooses,
     * so its site is never trusted.
     */
    public static String returnPath(String savedRequestUrl, String fallback) {
        if (savedRequestUrl == null) {
            return fallback;
        }
        try {
            URI saved = new URI(savedRequestUrl);
            String path = saved.getRawPath();
            if (path == null || path.isEmpty()) {
                return fallback;
            }
            String link = saved.getRawQuery() == null ? path : path + "?" + saved.getRawQuery();
            return safe(link).orElse(fallback);
        } catch (URISyntaxException e) {
            return fallback;
        }
    }

    /** Why the link is refused; null when it is accepted. */
    static String problem(String link) {
        if (link == null || link.isEmpty()) {
            return "it is empty";
        }
        if (link.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c == '\u200B') {
                return "it contains a space or control character";
            }
            if (c == '\\') {
                return "it contains a backslash";
            }
        }
        if (link.charAt(0) != '/') {
            return "it does not start with /";
        }
        int end = indexOfAny(link, '?', '#');
        String path = end < 0 ? link : link.substring(0, end);
        String decoded = decode(path);
        if (decoded == null) {
            return "its path has a malformed or encoded separator (%2F, %5C, %2E, %25, %00…)";
        }
        if (decoded.contains("//")) {
            return "its path contains //";
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "its path contains . or .. segments";
            }
        }
        try {
            URI uri = new URI(link);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.isOpaque()
                    || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
                return "it names another site";
            }
        } catch (URISyntaxException e) {
            return "it is not a valid path: " + e.getReason();
        }
        return null;
    }

    /**
     * The path with its percent-encoding undone, or null when an escape is malformed or encodes
     * something that is not ordinary path text (a separator, a dot, a percent sign, a control).
     */
    private static String decode(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= path.length()) {
                return null;
            }
            int value = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
            if (value < 0 || value < 0x21 || value == 0x7f || value == '/' || value == '\\'
                    || value == '.' || value == '%') {
                return null;
            }
            out.append((char) value);
            i += 2;
        }
        return out.toString();
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1000 : digit;
    }

    private static int indexOfAny(String text, char one, char other) {
        int first = text.indexOf(one);
        int second = text.indexOf(other);
        if (first < 0) {
            return second;
        }
        return second < 0 ? first : Math.min(first, second);
    }
}

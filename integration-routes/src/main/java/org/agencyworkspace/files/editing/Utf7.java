package org.agencyworkspace.files.editing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * UTF-7 (RFC 2152), which WOPI uses for file names in headers (Collabora converts names to it);
 * Java has no UTF-7 charset. Plain ASCII passes through; {@code +…-} runs are base64 of UTF-16.
 */
final class Utf7 {

    private Utf7() {
    }

    /**
     * @throws IllegalArgumentException when a shifted run is not valid base64 of UTF-16
     */
    static String decode(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '+') {
                out.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isBase64(text.charAt(end))) {
                end++;
            }
            String run = text.substring(i + 1, end);
            if (run.isEmpty()) {
                out.append('+'); // "+-" is a literal plus
            } else {
                byte[] bytes = Base64.getDecoder().decode(pad(run));
                int usable = bytes.length - bytes.length % 2;
                out.append(new String(bytes, 0, usable, StandardCharsets.UTF_16BE));
            }
            i = end < text.length() && text.charAt(end) == '-' ? end + 1 : end;
        }
        return out.toString();
    }

    /** For tests and editors' side: encodes every non-ASCII run. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80 && c != '+') {
                out.append(c);
                i++;
                continue;
            }
            if (c == '+') {
                out.append("+-");
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) >= 0x80) {
                end++;
            }
            String run = Base64.getEncoder().withoutPadding()
                    .encodeToString(text.substring(i, end).getBytes(StandardCharsets.UTF_16BE));
            out.append('+').append(run).append('-');
            i = end;
        }
        return out.toString();
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static String pad(String run) {
        int missing = (4 - run.length() % 4) % 4;
        return run + "=".repeat(missing == 3 ? 0 : missing); // 3 missing is invalid: decode refuses it
    }
}

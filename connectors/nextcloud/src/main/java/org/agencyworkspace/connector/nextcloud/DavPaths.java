package org.agencyworkspace.connector.nextcloud;

import java.nio.charset.StandardCharsets;
import org.agencyworkspace.connector.FilePath;

/** How a {@link FilePath} is written in a WebDAV URL below the files root. */
final class DavPaths {

    private DavPaths() {
    }

    /** The segments percent-encoded and joined by {@code /}, without a leading slash. */
    static String encoded(FilePath path) {
        return String.join("/", path.segments().stream().map(DavPaths::encodeSegment).toList());
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
}

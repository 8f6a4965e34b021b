package org.agencyworkspace.connector.nextcloud;

import java.util.Objects;

/**
 * An entity tag as the server sent it, quotes included ({@code "5f1c..."}), with its weakness
 * marker read off.
 *
 * <p>Nextcloud hands out strong tags only. Apache {@code mod_dav} (the test server) hands out a
 * weak one, {@code W/"..."}, for a file changed within the last second. {@code If-Match} compares
 * strongly (RFC 9110 §13.1.1), so a weak tag can never match; {@link WriteCondition#ifMatch}
 * refuses one instead of sending a request that is bound to fail.
 *
 * @param value the tag without the {@code W/} prefix, quotes included
 * @param weak whether the server marked it weak
 */
public record ETag(String value, boolean weak) {

    public ETag {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("ETag must not be blank");
        }
    }

    /** The tag in {@code header}, e.g. {@code "abc"} or {@code W/"abc"}; a bare value is quoted. */
    public static ETag parse(String header) {
        String text = Objects.requireNonNull(header, "header").strip();
        boolean weak = text.startsWith("W/");
        String tag = weak ? text.substring(2) : text;
        return new ETag(tag.startsWith("\"") ? tag : "\"" + tag + "\"", weak);
    }

    /** The tag as it goes into a header: {@code W/"abc"} or {@code "abc"}. */
    @Override
    public String toString() {
        return weak ? "W/" + value : value;
    }
}

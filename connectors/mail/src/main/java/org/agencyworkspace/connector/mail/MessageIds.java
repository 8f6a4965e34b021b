package org.agencyworkspace.connector.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Turns the caller's id of a logical message into its {@code Message-ID} header (RFC 5322 3.6.4),
 * the same every time, so a resent mail carries the header of the first one.
 */
public final class MessageIds {

    /** A dot-atom of the safest characters; anything else is hashed rather than escaped. */
    private static final Pattern READABLE = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");
    private static final int MAX_READABLE = 100;

    private MessageIds() {
    }

    /**
     * {@code <messageId@domain>} when the id is a short dot-atom, otherwise
     * {@code <h.<sha-256 of the id, 32 hex>@domain>}: still stable, never able to break the header.
     */
    public static String header(String messageId, String domain) {
        String local = messageId.length() <= MAX_READABLE && READABLE.matcher(messageId).matches()
                ? messageId : "h." + sha256Hex(messageId).substring(0, 32);
        return "<" + local + "@" + domain + ">";
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

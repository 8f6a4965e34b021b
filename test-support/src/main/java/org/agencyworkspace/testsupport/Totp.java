package org.agencyworkspace.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes computed independently of the code under test, as an authenticator app would.
 */
public final class Totp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /** The current six-digit code for a base32 secret (what the QR code carries). */
    public static String now(String base32Secret) {
        return at(decodeBase32(base32Secret), Instant.now().getEpochSecond() / 30);
    }

    /** The current code for a raw secret given as text (how Keycloak stores imported secrets). */
    public static String nowForRawSecret(String rawSecret) {
        return at(rawSecret.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond() / 30);
    }

    /** The code of a given 30-second step. */
    public static String at(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 30-second step of now. */
    public static long currentStep() {
        return Instant.now().getEpochSecond() / 30;
    }

    public static byte[] decodeBase32(String base32) {
        String clean = base32.replace(" ", "").replace("=", "").toUpperCase(java.util.Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}

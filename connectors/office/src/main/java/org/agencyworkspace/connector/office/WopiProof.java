package org.agencyworkspace.connector.office;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * WOPI proof keys: the editor signs every request with its private key, and the host checks the
 * signature against the keys in discovery before believing the request came from the editor.
 * The signed bytes are, big-endian: the token's length and UTF-8 bytes, the upper-cased full
 * URL's length and bytes, 8 and the .NET ticks of {@code X-WOPI-TimeStamp}. A request is
 * accepted when X-WOPI-Proof verifies with the current key, X-WOPI-ProofOld with the current
 * key, or X-WOPI-Proof with the old key, and its time stamp is at most 20 minutes old.
 */
public final class WopiProof {

    /** How old a signed request may be. */
    public static final Duration MAX_AGE = Duration.ofMinutes(20);

    /** .NET ticks (100 ns since 0001-01-01 UTC) at the Unix epoch. */
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;
    private static final String ALGORITHM = "SHA256withRSA";

    /** What the check found. */
    public enum Outcome {
        /** Signed with the current key. */
        VALID,
        /** Signed with the old key (or the old signature with the current key): discovery should be fetched again. */
        VALID_WITH_OLD_KEY,
        /** No signature verifies: not from the editor, or the editor rotated keys since discovery was fetched. */
        INVALID,
        /** Signed, but older than {@link #MAX_AGE} or without a readable time stamp. */
        EXPIRED
    }

    /**
     * The proof headers of one request.
     *
     * @param accessToken the {@code access_token} as sent
     * @param url the full URL the editor called, query included, as the editor saw it
     * @param timestamp {@code X-WOPI-TimeStamp}
     * @param proof {@code X-WOPI-Proof}
     * @param proofOld {@code X-WOPI-ProofOld}, or null
     */
    public record Request(String accessToken, String url, String timestamp, String proof,
            String proofOld) {
    }

    private WopiProof() {
    }

    public static long ticks(Instant instant) {
        return instant.toEpochMilli() * 10_000 + TICKS_AT_EPOCH;
    }

    public static Instant fromTicks(long ticks) {
        return Instant.ofEpochMilli((ticks - TICKS_AT_EPOCH) / 10_000);
    }

    /** Checks a request against discovery's keys at {@code now}. */
    public static Outcome verify(Request request, WopiDiscovery discovery, Instant now) {
        if (discovery.proofKey() == null || request.proof() == null || request.timestamp() == null) {
            return Outcome.INVALID;
        }
        long ticks;
        try {
            ticks = Long.parseLong(request.timestamp().strip());
        } catch (NumberFormatException e) {
            return Outcome.EXPIRED;
        }
        byte[] expected = expectedBytes(request.accessToken(), request.url(), ticks);
        Outcome outcome;
        if (verifies(discovery.proofKey(), expected, request.proof())) {
            outcome = Outcome.VALID;
        } else if (verifies(discovery.proofKey(), expected, request.proofOld())
                || verifies(discovery.oldProofKey(), expected, request.proof())) {
            outcome = Outcome.VALID_WITH_OLD_KEY;
        } else {
            return Outcome.INVALID;
        }
        // Checked after the signature, so a forged time stamp cannot tell "expired" from "forged".
        Instant signedAt = fromTicks(ticks);
        if (signedAt.isBefore(now.minus(MAX_AGE)) || signedAt.isAfter(now.plus(MAX_AGE))) {
            return Outcome.EXPIRED;
        }
        return outcome;
    }

    /** The signature an editor with {@code key} sends; for tests playing the editor. */
    public static String sign(PrivateKey key, String accessToken, String url, long ticks) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(expectedBytes(accessToken, url, ticks));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key", e);
        }
    }

    static byte[] expectedBytes(String accessToken, String url, long ticks) {
        byte[] token = accessToken.getBytes(StandardCharsets.UTF_8);
        byte[] address = url.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + token.length + 4 + address.length + 4 + 8)
                .putInt(token.length).put(token)
                .putInt(address.length).put(address)
                .putInt(8).putLong(ticks)
                .array();
    }

    private static boolean verifies(PublicKey key, byte[] expected, String proof) {
        if (key == null || proof == null || proof.isBlank()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(expected);
            return signature.verify(Base64.getDecoder().decode(proof.strip()));
        } catch (IllegalArgumentException | SignatureException | InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is part of every Java runtime", e);
        }
    }
}

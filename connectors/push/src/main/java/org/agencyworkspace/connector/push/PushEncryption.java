package org.agencyworkspace.connector.push;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291) in the {@code aes128gcm} content coding (RFC 8188):
 * a fresh P-256 key pair and salt per message, ECDH with the browser's key, HKDF-SHA256 keyed
 * with its auth secret, and one AES-128-GCM record. Only the browser that made the subscription
 * can read the result; the push service sees the length and nothing else.
 */
public final class PushEncryption {

    /** The record size written into the header; one record carries the whole message. */
    static final int RECORD_SIZE = 4096;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + P256.POINT_BYTES;
    /** Push services take at most 4096 bytes of body (RFC 8030 §7.2): header, tag, delimiter. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PushEncryption() {
    }

    /**
     * The encrypted body of a push message for this subscription.
     *
     * @throws IllegalArgumentException when the plaintext is longer than {@link #MAX_PLAINTEXT}
     */
    public static byte[] encrypt(byte[] plaintext, PushSubscription subscription) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, subscription.browserKeyBytes(), subscription.authSecret(),
                ephemeralKeys(), salt);
    }

    /** The RFC's steps with the sender's key pair and salt given, so its published values can be checked. */
    static byte[] encrypt(byte[] plaintext, byte[] browserKey, byte[] authSecret, KeyPair sender,
            byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        try {
            byte[] senderPublic = P256.encode((ECPublicKey) sender.getPublic());
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(sender.getPrivate());
            ecdh.doPhase(P256.publicKey(browserKey), true);
            byte[] sharedSecret = ecdh.generateSecret();

            // RFC 8291 §3.4: IKM = HKDF(auth_secret, ecdh_secret, "WebPush: info" || 0 || ua || as, 32)
            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserKey,
                    senderPublic);
            byte[] ikm = hkdf(authSecret, sharedSecret, keyInfo, 32);
            // RFC 8188 §2.2 and §2.3: the content key and the nonce of record 0.
            byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            // The last (and only) record ends with the delimiter 0x02 and no padding.
            byte[] ciphertext = gcm.doFinal(concat(plaintext, new byte[] {2}));

            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.put(salt).putInt(RECORD_SIZE).put((byte) senderPublic.length).put(senderPublic);
            return concat(header.array(), ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Web Push encryption failed: " + e.getMessage(), e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) for outputs of at most one block: extract, then expand once. */
    static byte[] hkdf(byte[] salt, byte[] inputKey, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(inputKey);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        return Arrays.copyOf(mac.doFinal(new byte[] {1}), length);
    }

    static KeyPair ephemeralKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256.PARAMETERS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make P-256 keys", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

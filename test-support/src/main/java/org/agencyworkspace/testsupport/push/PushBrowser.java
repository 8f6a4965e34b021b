package org.agencyworkspace.testsupport.push;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser's side of Web Push, written from RFC 8291 §3.4 and RFC 8188 §2 independently of the
 * sender under test: it owns a subscription's P-256 key pair and auth secret, and decrypts an
 * {@code aes128gcm} body the way a browser does, failing on any wrong key, nonce or tag.
 */
public final class PushBrowser {

    private static final ECParameterSpec P256 = p256();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final byte[] publicPoint;
    private final byte[] auth;

    private PushBrowser(PrivateKey privateKey, byte[] publicPoint, byte[] auth) {
        this.privateKey = privateKey;
        this.publicPoint = publicPoint;
        this.auth = auth;
    }

    /** A browser with a fresh key pair and auth secret. */
    public static PushBrowser fresh() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            return new PushBrowser(pair.getPrivate(), point(((ECPublicKey) pair.getPublic()).getW()), auth);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser with given keys (base64url), e.g. RFC 8291 Appendix A's receiver. */
    public static PushBrowser of(String privateScalar, String publicPoint, String auth) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(
                    new BigInteger(1, decode(privateScalar)), P256));
            return new PushBrowser(key, decode(publicPoint), decode(auth));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code keys.p256dh} of the subscription. */
    public String p256dh() {
        return BASE64URL.encodeToString(publicPoint);
    }

    /** {@code keys.auth} of the subscription. */
    public String auth() {
        return BASE64URL.encodeToString(auth);
    }

    /**
     * The plaintext of an {@code aes128gcm} push body.
     *
     * @throws IllegalStateException when it cannot be decrypted (wrong keys, tampered, malformed)
     */
    public byte[] decrypt(byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] salt = new byte[16];
            in.get(salt);
            int recordSize = in.getInt();
            int keyIdLength = in.get() & 0xff;
            if (keyIdLength != 65) {
                throw new IllegalStateException("the key id must be the sender's 65-byte point, was " + keyIdLength);
            }
            byte[] senderPoint = new byte[keyIdLength];
            in.get(senderPoint);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length > recordSize) {
                throw new IllegalStateException("more than one record: this receiver reads one");
            }

            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(privateKey);
            ecdh.doPhase(publicKey(senderPoint), true);
            byte[] ecdhSecret = ecdh.generateSecret();
            byte[] prkKey = hmac(auth, ecdhSecret);
            byte[] keyInfo = join("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), publicPoint, senderPoint);
            byte[] ikm = hmac(prkKey, join(keyInfo, new byte[] {1}));
            byte[] prk = hmac(salt, ikm);
            byte[] cek = Arrays.copyOf(hmac(prk, join("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {1})), 16);
            byte[] nonce = Arrays.copyOf(hmac(prk, join("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {1})), 12);

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = gcm.doFinal(ciphertext);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || padded[end] != 2) {
                throw new IllegalStateException("the last record must end with the delimiter 0x02");
            }
            return Arrays.copyOf(padded, end);
        } catch (GeneralSecurityException | java.nio.BufferUnderflowException e) {
            throw new IllegalStateException("cannot decrypt the push message: " + e, e);
        }
    }

    /** A P-256 public key from its uncompressed point. */
    static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new IllegalStateException("not an uncompressed P-256 point");
        }
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65))), P256));
    }

    static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }

    private static byte[] point(ECPoint w) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy(w.getAffineX(), out, 1);
        copy(w.getAffineY(), out, 33);
        return out;
    }

    private static void copy(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] join(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

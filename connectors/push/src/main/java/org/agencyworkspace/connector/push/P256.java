package org.agencyworkspace.connector.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * The NIST P-256 curve as Web Push writes its keys: a public key is the 65-byte uncompressed
 * point ({@code 04 || x || y}), a private key the 32-byte scalar. The Java runtime's EC provider
 * does the arithmetic; this class only converts, and checks that a point sent by a browser lies
 * on the curve before any key agreement uses it.
 */
final class P256 {

    static final int POINT_BYTES = 65;
    private static final int COORDINATE_BYTES = 32;
    static final ECParameterSpec PARAMETERS = parameters();

    private P256() {
    }

    /**
     * The public key of an uncompressed point.
     *
     * @throws IllegalArgumentException when the bytes are not an uncompressed point on P-256
     */
    static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != POINT_BYTES || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + COORDINATE_BYTES));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1 + COORDINATE_BYTES, POINT_BYTES));
        requireOnCurve(x, y);
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable P-256 public key", e);
        }
    }

    /** The private key of a 32-byte scalar. */
    static ECPrivateKey privateKey(byte[] scalar) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable P-256 private key", e);
        }
    }

    /** The 65-byte uncompressed point of a public key. */
    static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[POINT_BYTES];
        out[0] = 0x04;
        write(key.getW().getAffineX(), out, 1);
        write(key.getW().getAffineY(), out, 1 + COORDINATE_BYTES);
        return out;
    }

    private static void write(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - length, out, offset + COORDINATE_BYTES - length, length);
    }

    /** y² = x³ + ax + b (mod p), with both coordinates in the field: refuses invalid-curve points. */
    private static void requireOnCurve(BigInteger x, BigInteger y) {
        BigInteger p = ((java.security.spec.ECFieldFp) PARAMETERS.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new IllegalArgumentException("the point's coordinates are outside the field");
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.modPow(BigInteger.valueOf(3), p)
                .add(PARAMETERS.getCurve().getA().multiply(x))
                .add(PARAMETERS.getCurve().getB()).mod(p);
        if (!left.equals(right)) {
            throw new IllegalArgumentException("the point is not on the P-256 curve");
        }
    }

    private static ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no P-256 curve", e);
        }
    }
}

package org.agencyworkspace.connector.office;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * HS256 JSON Web Signatures with one shared secret: signs a JSON object, and verifies one back
 * (the signature, the algorithm, and {@code exp} when present, with a clock tolerance).
 */
final class Hs256 {

    /** HS256 needs a 256-bit key. */
    static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final MACVerifier verifier;

    Hs256(String secret, String purpose) {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the " + purpose + " secret must be at least "
                    + MIN_SECRET_BYTES + " bytes long");
        }
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the " + purpose + " secret cannot be used for HS256", e);
        }
    }

    String sign(Map<String, Object> claims) {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(JOSEObjectType.JWT).build(), new Payload(claims));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jws.serialize();
    }

    /**
     * @throws InvalidTokenException when the token is malformed, not HS256, wrongly signed or
     *     expired at {@code now} (allowing {@code tolerance})
     */
    Map<String, Object> verify(String token, Instant now, Duration tolerance) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token.strip());
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a JWS");
        }
        if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("the token is not signed with HS256");
        }
        try {
            if (!jws.verify(verifier)) {
                throw new InvalidTokenException("the token's signature does not verify");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the token's signature cannot be checked");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw new InvalidTokenException("the token's payload is not a JSON object");
        }
        Object exp = claims.get("exp");
        if (exp != null) {
            if (!(exp instanceof Number seconds)) {
                throw new InvalidTokenException("the token's exp is not a number");
            }
            if (Instant.ofEpochSecond(seconds.longValue()).plus(tolerance).isBefore(now)) {
                throw new InvalidTokenException("the token has expired");
            }
        }
        return claims;
    }
}

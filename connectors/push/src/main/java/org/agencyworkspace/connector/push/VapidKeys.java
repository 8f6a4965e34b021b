package org.agencyworkspace.connector.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.connector.PrivateFiles;

/**
 * The workspace's VAPID key pair (RFC 8292): browsers subscribe with its public key, and every
 * push request carries a token signed with its private key (ES256), so a push service delivers
 * only what this workspace sends. Kept in one PEM file readable by the service only; never
 * logged.
 */
public final class VapidKeys {

    /** RFC 8292 §2: a token must not be valid for more than 24 hours. */
    public static final Duration LONGEST_VALIDITY = Duration.ofHours(24);

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    private VapidKeys(KeyPair keys) {
        this.privateKey = (ECPrivateKey) keys.getPrivate();
        this.publicKey = (ECPublicKey) keys.getPublic();
    }

    /** A fresh key pair. */
    public static VapidKeys generate() {
        return new VapidKeys(PushEncryption.ephemeralKeys());
    }

    /**
     * The key pair in {@code file}; a missing file is made with a fresh pair, mode 600.
     *
     * @throws IllegalStateException when the file may be read or written by others than the
     *     service's user, or holds no P-256 key pair
     */
    public static VapidKeys loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            PrivateFiles.requirePrivate(file, "the VAPID key file");
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the VAPID key file " + file, e);
        }
    }

    /** The public key as browsers take it ({@code applicationServerKey}): base64url of the point. */
    public String publicKey() {
        return BASE64URL.encodeToString(P256.encode(publicKey));
    }

    /**
     * The {@code Authorization} header value of a push request (RFC 8292 §3):
     * {@code vapid t=<JWT>, k=<public key>}.
     *
     * @param audience the push service's origin
     * @param subject a contact for the push service: {@code mailto:} or {@code https:}
     * @param expires when the token stops being valid
     */
    public String authorization(String audience, String subject, Instant expires) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("typ", "JWT");
            header.put("alg", "ES256");
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", audience);
            claims.put("exp", expires.getEpochSecond());
            claims.put("sub", subject);
            String signingInput = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
            // JWS wants r || s (RFC 7518 §3.4), not the DER sequence Java signs by default.
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(privateKey);
            es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return "vapid t=" + signingInput + "." + BASE64URL.encodeToString(es256.sign())
                    + ", k=" + publicKey();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a VAPID token: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException unless the subject is a {@code mailto:} or {@code https:} URI */
    public static String requireSubject(String subject) {
        if (subject == null || !(subject.startsWith("mailto:") && subject.length() > 7
                || subject.startsWith("https://") && URI.create(subject).getHost() != null)) {
            throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URI");
        }
        return subject;
    }

    @Override
    public String toString() {
        return "VapidKeys[" + publicKey() + "]";
    }

    private static VapidKeys parse(String pem, Path file) {
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher block = PEM.matcher(pem);
        while (block.find()) {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (block.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> { }
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new IllegalStateException("the VAPID key file " + file
                    + " must hold a PRIVATE KEY and a PUBLIC KEY block");
        }
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(publicDer));
            if (privateKey.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalStateException("the VAPID key in " + file + " is not a P-256 key");
            }
            return new VapidKeys(new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the VAPID key file " + file + " holds no EC key pair", e);
        }
    }

    private static void create(Path file) throws IOException {
        VapidKeys keys = generate();
        Base64.Encoder mime = Base64.getMimeEncoder(64, new byte[] {'\n'});
        String pem = "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(keys.privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n"
                + mime.encodeToString(keys.publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        PrivateFiles.create(file, pem);
    }
}

package org.agencyworkspace.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.agencyworkspace.connector.PrivateFiles;

/**
 * The secret the audit chain is keyed with (HMAC-SHA256), kept outside the database: a key file
 * readable by the service only, or a configured secret. Whoever can write the database but not
 * read this key cannot compute a keyed row's hash, so cannot rewrite or append keyed rows
 * unnoticed. Never logged; {@link #id()} names it without revealing it.
 */
public final class AuditChainKey {

    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private AuditChainKey(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key, "HmacSHA256");
    }

    /** No key: only unkeyed rows can be written or checked. */
    public static AuditChainKey none() {
        return new AuditChainKey(null);
    }

    /**
     * A configured secret, base64 of at least 32 bytes.
     *
     * @throws IllegalArgumentException when it is shorter or not base64
     */
    public static AuditChainKey of(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip());
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("the audit chain key must be at least " + KEY_BYTES
                    + " bytes in base64");
        }
        return new AuditChainKey(key);
    }

    /**
     * The key in {@code file}, or no key when there is none and {@code create} is false; with
     * {@code create} a missing file is made with a fresh random key, mode 600.
     *
     * @throws IllegalStateException when the file is readable or writable by others than the
     *     service's user, or does not hold a key
     */
    public static AuditChainKey fromFile(Path file, boolean create) {
        try {
            if (!Files.exists(file)) {
                if (!create) {
                    return none();
                }
                createKeyFile(file);
            }
            PrivateFiles.requirePrivate(file, "the audit chain key file");
            return of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit chain key file " + file + " does not hold a key: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit chain key file " + file, e);
        }
    }

    public boolean present() {
        return key != null;
    }

    /**
     * Hex HMAC-SHA256 of the text.
     *
     * @throws IllegalStateException without a key
     */
    public String mac(String text) {
        if (key == null) {
            throw new IllegalStateException("the audit chain is keyed but no key is configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
        }
    }

    /** A short name of the key (a digest of it), so anchors tell which key made them; "" without one. */
    public String id() {
        if (key == null) {
            return "";
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("agency-workspace audit chain key id\n".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "AuditChainKey[none]" : "AuditChainKey[" + id() + "]";
    }

    private static void createKeyFile(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        PrivateFiles.create(file, Base64.getEncoder().encodeToString(key) + "\n");
    }
}

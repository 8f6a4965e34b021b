package org.agencyworkspace.security.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (TOTP shared secrets) with AES-256-GCM so a copy of the database alone
 * does not let anyone generate codes. The key lives in a file readable only by the service.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the key file, creating it with a fresh random key (mode 600) when missing. */
    public static SecretBox fromKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("key file " + keyFile + " must hold "
                        + KEY_BYTES + " bytes in base64");
            }
            return new SecretBox(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + keyFile, e);
        }
    }

    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * @throws IllegalStateException when the value was sealed with another key or altered
     */
    public String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("unknown sealed format");
        }
        byte[] data = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value does not open with this key file", e);
        }
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyFile);
        } catch (FileAlreadyExistsException e) {
            return; // another node or process created it first; use theirs
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n",
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}

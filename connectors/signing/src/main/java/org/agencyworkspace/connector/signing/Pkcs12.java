package org.agencyworkspace.connector.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Collections;
import java.util.List;
import javax.crypto.spec.PBEParameterSpec;

/**
 * PKCS#12 key files. Written with AES-256 under PBKDF2-HMAC-SHA256, whatever protection an
 * imported file came with, so the only secret guarding a stored key is the person's passphrase.
 * PBKDF2 in the JDK takes ASCII passwords only, and people here choose Chinese passphrases: a
 * passphrase with non-ASCII characters protects the file as {@code utf8:} followed by the hex of
 * its NFC-normalised UTF-8 bytes (an ASCII passphrase is used as it is, so such files open in
 * other tools with the passphrase itself).
 */
final class Pkcs12 {

    private static final String ALIAS = "signing";
    private static final String PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12() {
    }

    static byte[] write(PrivateKey key, List<X509Certificate> chain, char[] passphrase) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            char[] password = filePassword(passphrase);
            store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(key, chain.toArray(new Certificate[0])),
                    new KeyStore.PasswordProtection(password, PROTECTION, new PBEParameterSpec(salt, ITERATIONS)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            Arrays.fill(password, '\0');
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a PKCS#12 key file: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the one key of a PKCS#12 file.
     *
     * @throws SigningRefusedException {@code WRONG_PASSPHRASE} or {@code UNUSABLE_KEY_FILE}
     */
    static UnlockedKey open(byte[] pkcs12, char[] passphrase) {
        char[] password = filePassword(passphrase);
        try {
            return load(pkcs12, password);
        } catch (SigningRefusedException e) {
            if (e.reason() != SigningRefusedException.Reason.WRONG_PASSPHRASE || Arrays.equals(password, passphrase)) {
                throw e;
            }
            // a file from elsewhere, protected by the passphrase itself (legacy PKCS#12 encryption takes Unicode)
            try {
                return load(pkcs12, passphrase);
            } catch (SigningRefusedException legacy) {
                throw e;
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static UnlockedKey load(byte[] pkcs12, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SigningRefusedException(SigningRefusedException.Reason.WRONG_PASSPHRASE,
                        "the passphrase does not open this key");
            }
            throw unusable("not a PKCS#12 file", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unusable("not a PKCS#12 file", e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw unusable("the file must hold exactly one key, it holds " + keyAliases.size(), null);
            }
            String alias = keyAliases.get(0);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                throw unusable("the key entry holds no private key", null);
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw unusable("the key has no certificate", null);
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            UnlockedKey unlocked = new UnlockedKey(key, certificates);
            if (!unlocked.matchesCertificate()) {
                throw unusable("the certificate does not belong to the key", null);
            }
            return unlocked;
        } catch (UnrecoverableKeyException e) {
            throw new SigningRefusedException(SigningRefusedException.Reason.WRONG_PASSPHRASE,
                    "the passphrase does not open this key");
        } catch (GeneralSecurityException | ClassCastException e) {
            throw unusable("unreadable key entry", e);
        }
    }

    private static char[] filePassword(char[] passphrase) {
        String text = new String(passphrase);
        if (text.chars().allMatch(c -> c < 128)) {
            return passphrase.clone();
        }
        return ("utf8:" + HexFormat.of().formatHex(Normalizer.normalize(text, Normalizer.Form.NFC)
                .getBytes(StandardCharsets.UTF_8))).toCharArray();
    }

    private static SigningRefusedException unusable(String why, Exception cause) {
        return new SigningRefusedException(SigningRefusedException.Reason.UNUSABLE_KEY_FILE,
                "unusable key file: " + why, cause);
    }
}

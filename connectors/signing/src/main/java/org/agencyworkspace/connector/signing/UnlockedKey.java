package org.agencyworkspace.connector.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A person's private key opened by their passphrase, for the signatures of one request. Held in
 * memory only; {@link #close()} drops the key so it does not outlive the request.
 */
public final class UnlockedKey implements AutoCloseable {

    private PrivateKey key;
    private final List<X509Certificate> chain;

    UnlockedKey(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs its certificate");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signer's certificate first, then its issuers as the key file carried them. */
    public List<X509Certificate> chain() {
        return chain;
    }

    PrivateKey privateKey() {
        if (key == null) {
            throw new IllegalStateException("the key was closed");
        }
        return key;
    }

    /** Signs {@code data} with RSA (PKCS#1 v1.5) or ECDSA over SHA-256, as the key's type asks. */
    byte[] signSha256(byte[] data) {
        try {
            Signature signature = Signature.getInstance(isEc() ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key cannot sign: " + e.getMessage(), e);
        }
    }

    /** Whether the certificate's public key verifies what this key signs. */
    boolean matchesCertificate() {
        byte[] probe = "agency-workspace key probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature verifier = Signature.getInstance(isEc() ? "SHA256withECDSA" : "SHA256withRSA");
            verifier.initVerify(certificate().getPublicKey());
            verifier.update(probe);
            return verifier.verify(signSha256(probe));
        } catch (GeneralSecurityException | IllegalStateException e) {
            return false;
        }
    }

    boolean isEc() {
        return "EC".equals(certificate().getPublicKey().getAlgorithm());
    }

    @Override
    public void close() {
        key = null;
    }
}

package org.agencyworkspace.connector.signing;

/**
 * A signature that was not made, with the reason in words a person can act on. Nothing was signed
 * and no key left its custody.
 */
public class SigningRefusedException extends RuntimeException {

    /** Why signing was refused. */
    public enum Reason {
        /** The person has no certificate in custody. */
        NO_CERTIFICATE,
        /** The passphrase does not open the person's key; counts toward the lockout. */
        WRONG_PASSPHRASE,
        /** Too many wrong passphrases: the key stays locked until the lockout ends. */
        LOCKED_OUT,
        /** The certificate's validity ended before now. */
        CERTIFICATE_EXPIRED,
        /** The certificate's validity has not begun. */
        CERTIFICATE_NOT_YET_VALID,
        /** The issuing CA revoked the certificate. */
        CERTIFICATE_REVOKED,
        /** The revocation status could not be learned (no CRL, CRL unreachable): fail closed. */
        REVOCATION_UNKNOWN,
        /** The certificate does not chain to a configured trust anchor. */
        UNTRUSTED_CERTIFICATE,
        /** The file is not a PKCS#12 with one key and its certificate chain. */
        UNUSABLE_KEY_FILE,
        /** The certificate names someone else than the person importing it. */
        NOT_THE_HOLDER,
        /** The bytes to sign are not a readable PDF. */
        NOT_A_PDF,
        /** The time-stamp authority did not answer with a valid time stamp. */
        TIMESTAMP_FAILED
    }

    private final Reason reason;

    public SigningRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SigningRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

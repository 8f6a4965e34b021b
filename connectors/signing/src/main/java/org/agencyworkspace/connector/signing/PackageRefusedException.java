package org.agencyworkspace.connector.signing;

/** An exchange package that was not accepted, with the reason; nothing of it may be filed. */
public class PackageRefusedException extends Exception {

    /** Why a package was refused. */
    public enum Reason {
        /** Not an ASiC-E container with readable, schema-valid metadata. */
        MALFORMED,
        /** Larger than the receiver accepts. */
        TOO_LARGE,
        /** No signature in the container. */
        UNSIGNED,
        /** A signature does not match the bytes, or a file is not covered by the signature. */
        TAMPERED,
        /** The signer's certificate does not chain to a configured trust anchor. */
        UNTRUSTED_SIGNER,
        /** The signer's certificate was expired, not yet valid, revoked or of unknown status at signing. */
        CERTIFICATE_NOT_VALID,
        /** The signature fails validation for another reason DSS names. */
        INVALID_SIGNATURE,
        /** The sending agency is not a configured sender, or the signer is not of that agency. */
        UNKNOWN_SENDER,
        /** The document's classification level is above what this receiver accepts by exchange. */
        ABOVE_ALLOWED_LEVEL
    }

    private final Reason reason;

    public PackageRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

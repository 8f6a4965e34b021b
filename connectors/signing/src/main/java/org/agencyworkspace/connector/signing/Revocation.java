package org.agencyworkspace.connector.signing;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** A revoked certificate as the CRL lists it. */
public record Revocation(BigInteger serial, Instant revokedAt, Reason reason) {

    /** RFC 5280 reason codes an agency uses. */
    public enum Reason {
        UNSPECIFIED(0), KEY_COMPROMISE(1), AFFILIATION_CHANGED(3), SUPERSEDED(4), CESSATION_OF_OPERATION(5);

        final int code;

        Reason(int code) {
            this.code = code;
        }
    }

    public Revocation {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}

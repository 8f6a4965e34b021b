package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.enumerations.SignatureLevel;

/** How much evidence a PDF signature carries (ETSI EN 319 142-1 baseline levels). */
public enum PadesLevel {
    /** The signature alone; its time is the signer's claim. */
    B_B(SignatureLevel.PAdES_BASELINE_B),
    /** With an RFC 3161 time stamp from the configured authority: proof the signature existed then. */
    B_T(SignatureLevel.PAdES_BASELINE_T),
    /** B-T plus the certificates and CRLs needed to validate it later, in the document itself. */
    B_LT(SignatureLevel.PAdES_BASELINE_LT);

    final SignatureLevel dss;

    PadesLevel(SignatureLevel dss) {
        this.dss = dss;
    }

    boolean needsTimestamp() {
        return this != B_B;
    }
}

package org.agencyworkspace.connector.signing;

import java.util.Objects;

/**
 * An agency this workspace receives documents from: its exchange code and the organisation name
 * its signers' certificates carry (O=). A package from the code must be signed by a trusted
 * certificate of that organisation; renewing the agency's certificates needs no change here.
 */
public record KnownSender(String code, String organisation) {

    public KnownSender {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(organisation, "organisation");
    }
}

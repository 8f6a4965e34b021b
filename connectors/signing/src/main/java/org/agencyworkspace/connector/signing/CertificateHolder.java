package org.agencyworkspace.connector.signing;

import java.util.Objects;

/**
 * Whom a certificate names: the person, their title and unit as the signature block shows them,
 * and the staff id that keeps two people of the same name apart.
 */
public record CertificateHolder(String name, String title, String unit, String staffId) {

    public CertificateHolder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(staffId, "staffId");
        if (name.isBlank() || staffId.isBlank()) {
            throw new IllegalArgumentException("a certificate names a person and their staff id");
        }
        title = title == null ? "" : title;
        unit = unit == null ? "" : unit;
    }
}

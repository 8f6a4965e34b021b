package org.agencyworkspace.connector.mail;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Where the S/MIME certificates of recipients are known, looked up by mail address. */
@FunctionalInterface
public interface RecipientCertificates {

    /** A certificate usable now to encrypt to {@code address}, if one is known. */
    Optional<X509Certificate> find(String address);

    /** Knows nobody's certificate: every mail is signed only. */
    static RecipientCertificates none() {
        return address -> Optional.empty();
    }
}

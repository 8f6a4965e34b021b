package org.agencyworkspace.connector.signing;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

/**
 * A certificate the agency CA issued, with its key in a PKCS#12 that only the holder's passphrase
 * opens: hand {@code pkcs12} to {@link KeyCustody#deposit}, never write it anywhere else.
 */
public record IssuedCertificate(BigInteger serial, X509Certificate certificate, byte[] pkcs12) {
}

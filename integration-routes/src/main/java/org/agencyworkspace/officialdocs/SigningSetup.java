package org.agencyworkspace.officialdocs;

import java.util.Optional;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.SignatureValidator;

/**
 * What signing this installation can do: the agency CA when its passphrase is configured, and
 * validation when there is at least one trust anchor (the agency CA or a configured root).
 *
 * @param checks the certificate checks over the same trust anchors, for signing (the document flow)
 */
public record SigningSetup(Optional<AgencyAuthority> authority, Optional<SignatureValidator> validator,
        Optional<CertificateChecks> checks) {
}

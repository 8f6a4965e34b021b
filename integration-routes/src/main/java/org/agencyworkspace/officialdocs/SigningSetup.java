package org.agencyworkspace.officialdocs;

import java.util.Optional;
import org.agencyworkspace.connector.signing.SignatureValidator;

/**
 * What signing this installation can do: the agency CA when its passphrase is configured, and
 * validation when there is at least one trust anchor (the agency CA or a configured root).
 */
public record SigningSetup(Optional<AgencyAuthority> authority, Optional<SignatureValidator> validator) {
}

package org.agencyworkspace.officialdocs.flow;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.TimestampAuthority;
import org.agencyworkspace.officialdocs.AgencyAuthority;
import org.agencyworkspace.officialdocs.SigningSetup;

/**
 * What the flow signs with, built once: people's keys in custody and the PAdES signer, both over
 * the trust anchors of {@link SigningSetup}. Without trust anchors (no agency CA passphrase and
 * no configured root) nothing can be signed, and every signing action is refused as unavailable.
 */
public final class DocumentSigning implements AutoCloseable {

    private final Optional<AgencyAuthority> authority;
    private final Optional<KeyCustody> custody;
    private final Optional<PdfSigner> signer;

    DocumentSigning(SigningSetup setup, OfficialDocumentsProperties properties, CustodyStore store, CjkFont font,
            ZoneId zone, Clock clock) {
        this.authority = setup.authority();
        Optional<CertificateChecks> checks = setup.checks();
        LockoutPolicy lockout = new LockoutPolicy(properties.lockoutAttempts(), properties.lockoutDuration());
        this.custody = checks.map(trusted -> new KeyCustody(store, lockout, trusted, clock));
        Optional<TimestampAuthority> timestamps = Optional.ofNullable(properties.timestampAuthority())
                .map(TimestampAuthority::new);
        this.signer = checks.map(trusted -> new PdfSigner(trusted, timestamps, zone, font));
    }

    KeyCustody custody() {
        return custody.orElseThrow(DocumentSigning::unavailable);
    }

    /**
     * People's keys, for other capabilities that let staff sign with them (the review record):
     * one custody per folder, so that wrong passphrases in every flow count toward one lockout.
     */
    public Optional<KeyCustody> peopleKeys() {
        return custody;
    }

    PdfSigner signer() {
        return signer.orElseThrow(DocumentSigning::unavailable);
    }

    AgencyAuthority authority() {
        return authority.orElseThrow(() -> new DocumentRefusedException(DocumentRefusedException.Reason.SIGNING_UNAVAILABLE,
                "no agency CA runs here (workspace.signing.ca-passphrase is not set): import your own certificate"));
    }

    private static DocumentRefusedException unavailable() {
        return new DocumentRefusedException(DocumentRefusedException.Reason.SIGNING_UNAVAILABLE,
                "no trust anchors are configured (workspace.signing.ca-passphrase or workspace.signing.trust-anchors)");
    }

    @Override
    public void close() throws IOException {
        if (signer.isPresent()) {
            signer.get().close();
        }
    }
}

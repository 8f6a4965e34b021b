package org.agencyworkspace.connector.signing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What validation found about one signature, in the terms a reader asks about: who signed, when,
 * whether the document changed since, and whether the certificate was good at that time.
 *
 * @param signer the signing certificate's common name
 * @param title the title in the certificate; empty when none
 * @param organisation the organisation (O) in the certificate: the signer's agency; empty when none
 * @param step the approval step the signature stands for (the PDF signature's reason); empty when none
 * @param time the best proven signing time: the time stamp's, else the signer's claim
 * @param timestamped whether {@code time} comes from a valid time stamp rather than the signer's claim
 * @param intact whether the signature matches the signed bytes and its cryptography holds
 * @param changedPages for a PDF, pages whose content changed after this signature beyond later
 *     signatures and validation data; empty when none
 * @param changedAfterSigning whether content was changed after this signature
 * @param trusted whether the certificate chains to a configured trust anchor
 * @param certificate the certificate's standing at {@code time}
 * @param revokedAt when the certificate was revoked, if the CRL says it was; {@code null} otherwise
 * @param indication DSS's ETSI EN 319 102-1 indication (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED)
 * @param subIndication DSS's sub-indication; empty when none
 * @param certificateSerial the signing certificate's serial number in hex; empty when unknown
 */
public record SignatureFinding(String signer, String title, String organisation, String step, Instant time, boolean timestamped,
        boolean intact, boolean changedAfterSigning, List<Integer> changedPages, boolean trusted,
        CertificateStanding certificate, Instant revokedAt, String indication, String subIndication,
        String certificateSerial) {

    /** The certificate at signing time. */
    public enum CertificateStanding { VALID, EXPIRED, NOT_YET_VALID, REVOKED, REVOCATION_UNKNOWN }

    public SignatureFinding {
        changedPages = List.copyOf(changedPages);
    }

    /** Whether the signature stands: intact, unchanged since, trusted, good certificate, and DSS agrees. */
    public boolean valid() {
        return intact && !changedAfterSigning && trusted && certificate == CertificateStanding.VALID
                && "TOTAL_PASSED".equals(indication);
    }

    /** The finding as sentences for a person, with times in {@code zone}. */
    public String inPlainWords(ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(zone);
        StringBuilder words = new StringBuilder(signer);
        if (!title.isBlank()) {
            words.append(" (").append(title).append(')');
        }
        words.append(" signed").append(step.isBlank() ? "" : " as " + step).append(" at ").append(format.format(time))
                .append(timestamped ? " (time proven by a time stamp). " : " (time as claimed by the signer, not time-stamped). ");
        if (!intact) {
            words.append("The signed content was altered: this signature no longer matches the document. ");
        } else if (changedAfterSigning) {
            words.append("The document was changed after this signature")
                    .append(changedPages.isEmpty() ? "" : " (pages " + changedPages + ")").append(". ");
        } else {
            words.append("The document has not changed since this signature. ");
        }
        words.append(switch (certificate) {
            case VALID -> "The certificate was valid and not revoked at that time";
            case EXPIRED -> "The certificate had expired at that time";
            case NOT_YET_VALID -> "The certificate was not yet valid at that time";
            case REVOKED -> "The certificate had been revoked on " + format.format(revokedAt) + ", before signing";
            case REVOCATION_UNKNOWN -> "Whether the certificate was revoked could not be checked";
        });
        if (certificate == CertificateStanding.VALID && revokedAt != null) {
            words.append(" (it was revoked later, on ").append(format.format(revokedAt)).append(')');
        }
        words.append(trusted ? ", and it was issued by a trusted certificate authority." :
                ", and it was NOT issued by a trusted certificate authority.");
        words.append(valid() ? " Verdict: valid." : " Verdict: NOT valid (" + indication
                + (subIndication.isEmpty() ? "" : ", " + subIndication) + ").");
        return words.toString();
    }
}

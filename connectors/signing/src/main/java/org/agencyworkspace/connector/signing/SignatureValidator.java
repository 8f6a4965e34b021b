package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.agencyworkspace.connector.signing.SignatureFinding.CertificateStanding;

/**
 * Validates signed PDFs and ASiC-E packages with DSS against the configured trust anchors, fetching
 * CRLs as the certificates name them, and says what it found in plain words.
 */
public final class SignatureValidator {

    private final CertificateChecks checks;

    public SignatureValidator(CertificateChecks checks) {
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    /** Never throws for hostile bytes: what cannot be validated comes back as the report's problem. */
    public ValidationReport validate(byte[] document) {
        Reports reports;
        try {
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(document));
            validator.setCertificateVerifier(checks.verifier());
            validator.setValidationTime(Date.from(checks.clock().instant()));
            reports = validator.validateDocument();
        } catch (RuntimeException e) {
            return ValidationReport.unreadable("not a signed document this workspace can read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new ValidationReport(findings(reports), "");
    }

    /** DSS's reports for one document, for callers that need more than the findings (the package reader). */
    Reports reportsOf(InMemoryDocument document) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(document);
        validator.setCertificateVerifier(checks.verifier());
        validator.setValidationTime(Date.from(checks.clock().instant()));
        return validator.validateDocument();
    }

    static List<SignatureFinding> findings(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        List<SignatureFinding> findings = new ArrayList<>();
        List<SignatureWrapper> signatures = new ArrayList<>(diagnostic.getSignatures());
        signatures.sort(Comparator.comparing(SignatureWrapper::getClaimedSigningTime,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        for (SignatureWrapper signature : signatures) {
            String id = signature.getId();
            CertificateWrapper certificate = signature.getSigningCertificate();
            Date best = Objects.requireNonNullElse(simple.getBestSignatureTime(id), signature.getClaimedSigningTime());
            boolean timestamped = signature.getTimestampList().stream()
                    .anyMatch(timestamp -> timestamp.isSignatureValid() && timestamp.isMessageImprintDataIntact());
            PDFRevisionWrapper revision = signature.getPDFRevision();
            List<Integer> changedPages = revision == null ? List.of() : Stream.of(
                    revision.getPdfVisualDifferenceConcernedPages(), revision.getPdfPageDifferenceConcernedPages(),
                    revision.getPdfAnnotationsOverlapConcernedPages())
                    .flatMap(List::stream).map(BigInteger::intValue).distinct().sorted().toList();
            boolean changed = revision != null && (!changedPages.isEmpty()
                    || !revision.getPdfUndefinedChanges().isEmpty() || !revision.getPdfAnnotationChanges().isEmpty());
            boolean intact = signature.isSignatureIntact() && signature.isSignatureValid()
                    && signature.getDigestMatchers().stream().allMatch(matcher -> matcher.isDataIntact())
                    && (revision == null || revision.isSignatureByteRangeValid());
            Instant revokedAt = certificate == null ? null : revokedAt(certificate);
            SubIndication sub = simple.getSubIndication(id);
            findings.add(new SignatureFinding(
                    certificate == null ? "(unknown signer)" : Objects.requireNonNullElse(certificate.getCommonName(),
                            certificate.getReadableCertificateName()),
                    certificate == null ? "" : Objects.requireNonNullElse(certificate.getTitle(), ""),
                    certificate == null ? "" : Objects.requireNonNullElse(certificate.getOrganizationName(), ""),
                    revision == null ? "" : Objects.requireNonNullElse(revision.getReason(), ""),
                    best.toInstant(), timestamped, intact, changed, changedPages,
                    certificate != null && signature.isTrustedChain(),
                    standing(certificate, best, revokedAt), revokedAt,
                    String.valueOf(simple.getIndication(id)), sub == null ? "" : sub.name(),
                    serialOf(certificate)));
        }
        return findings;
    }

    /** DSS gives the serial in decimal; the workspace names certificates by hex serial. */
    private static String serialOf(CertificateWrapper certificate) {
        try {
            return certificate == null || certificate.getSerialNumber() == null ? ""
                    : new BigInteger(certificate.getSerialNumber()).toString(16);
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static Instant revokedAt(CertificateWrapper certificate) {
        return certificate.getCertificateRevocationData().stream()
                .filter(revocation -> revocation.getStatus() == CertificateStatus.REVOKED)
                .map(CertificateRevocationWrapper::getRevocationDate).filter(Objects::nonNull)
                .map(Date::toInstant).min(Comparator.naturalOrder()).orElse(null);
    }

    private static CertificateStanding standing(CertificateWrapper certificate, Date at, Instant revokedAt) {
        if (certificate == null) {
            return CertificateStanding.REVOCATION_UNKNOWN;
        }
        if (at.after(certificate.getNotAfter())) {
            return CertificateStanding.EXPIRED;
        }
        if (at.before(certificate.getNotBefore())) {
            return CertificateStanding.NOT_YET_VALID;
        }
        if (revokedAt != null && !revokedAt.isAfter(at.toInstant())) {
            return CertificateStanding.REVOKED;
        }
        boolean known = certificate.getCertificateRevocationData().stream()
                .anyMatch(revocation -> revocation.getStatus() == CertificateStatus.GOOD
                        || revocation.getStatus() == CertificateStatus.REVOKED);
        return known || certificate.isTrusted() ? CertificateStanding.VALID : CertificateStanding.REVOCATION_UNKNOWN;
    }
}

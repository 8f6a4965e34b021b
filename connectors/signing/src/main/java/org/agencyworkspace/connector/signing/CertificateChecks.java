package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Whether a certificate may sign now: trusted (chains to a configured trust anchor), within its
 * validity, and not revoked according to its issuer's CRL, fetched over HTTP from the address the
 * certificate names. When the CRL cannot be had, signing is refused: fail closed.
 */
public final class CertificateChecks {

    private final List<X509Certificate> trustAnchors;
    private final OnlineCRLSource crls = new OnlineCRLSource();
    private final Clock clock;

    public CertificateChecks(List<X509Certificate> trustAnchors, Clock clock) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor must be configured");
        }
        this.trustAnchors = List.copyOf(trustAnchors);
        this.clock = clock;
    }

    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /**
     * DSS's certificate verifier over the same trust anchors and CRLs; it throws on a revoked
     * certificate or missing revocation data when a signature is extended to B-LT.
     */
    CertificateVerifier verifier() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trustAnchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(crls);
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        return verifier;
    }

    Clock clock() {
        return clock;
    }

    /**
     * @throws SigningRefusedException {@code CERTIFICATE_EXPIRED}, {@code CERTIFICATE_NOT_YET_VALID},
     *     {@code UNTRUSTED_CERTIFICATE}, {@code CERTIFICATE_REVOKED} or {@code REVOCATION_UNKNOWN}
     */
    void requireUsableForSigning(List<X509Certificate> chain) {
        requireTrustedAndCurrent(chain);
        X509Certificate signer = chain.get(0);
        X509Certificate issuer = issuerOf(signer, chain).orElseThrow(() -> new SigningRefusedException(
                Reason.UNTRUSTED_CERTIFICATE, "the issuer of the signing certificate is unknown"));
        CRLToken crl;
        try {
            crl = crls.getRevocationToken(new CertificateToken(signer), new CertificateToken(issuer));
        } catch (RuntimeException e) {
            crl = null;
        }
        if (crl == null || !crl.isValid()) {
            throw new SigningRefusedException(Reason.REVOCATION_UNKNOWN, "the revocation status of "
                    + subjectOf(signer) + " cannot be checked: its CRL could not be fetched or verified");
        }
        Date now = Date.from(clock.instant());
        if (crl.getStatus() == CertificateStatus.REVOKED && !crl.getRevocationDate().after(now)) {
            throw new SigningRefusedException(Reason.CERTIFICATE_REVOKED, "the certificate of "
                    + subjectOf(signer) + " was revoked on " + crl.getRevocationDate().toInstant());
        }
        if (crl.getStatus() != CertificateStatus.GOOD && crl.getStatus() != CertificateStatus.REVOKED) {
            throw new SigningRefusedException(Reason.REVOCATION_UNKNOWN,
                    "the CRL does not tell whether " + subjectOf(signer) + " is revoked");
        }
    }

    /**
     * @throws SigningRefusedException {@code CERTIFICATE_EXPIRED}, {@code CERTIFICATE_NOT_YET_VALID}
     *     or {@code UNTRUSTED_CERTIFICATE}
     */
    void requireTrustedAndCurrent(List<X509Certificate> chain) {
        X509Certificate signer = chain.get(0);
        Instant now = clock.instant();
        if (now.isAfter(signer.getNotAfter().toInstant())) {
            throw new SigningRefusedException(Reason.CERTIFICATE_EXPIRED, "the certificate of "
                    + subjectOf(signer) + " expired on " + signer.getNotAfter().toInstant());
        }
        if (now.isBefore(signer.getNotBefore().toInstant())) {
            throw new SigningRefusedException(Reason.CERTIFICATE_NOT_YET_VALID, "the certificate of "
                    + subjectOf(signer) + " is valid only from " + signer.getNotBefore().toInstant());
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            trustAnchors.forEach(anchor -> anchors.add(new TrustAnchor(anchor, null)));
            List<X509Certificate> path = new ArrayList<>(chain);
            path.removeIf(trustAnchors::contains);
            if (path.isEmpty()) {
                throw new SigningRefusedException(Reason.UNTRUSTED_CERTIFICATE,
                        "a trust anchor itself cannot sign documents");
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new SigningRefusedException(Reason.UNTRUSTED_CERTIFICATE, "the certificate of "
                    + subjectOf(signer) + " does not chain to a trusted certificate authority: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot check a certificate path: " + e.getMessage(), e);
        }
    }

    private Optional<X509Certificate> issuerOf(X509Certificate certificate, List<X509Certificate> chain) {
        List<X509Certificate> candidates = new ArrayList<>(chain.subList(1, chain.size()));
        candidates.addAll(trustAnchors);
        return candidates.stream()
                .filter(candidate -> candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(candidate -> verifies(certificate, candidate))
                .findFirst();
    }

    private static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificate's common name (the person), or its whole subject when it has none. */
    static String subjectOf(X509Certificate certificate) {
        return commonName(certificate).orElse(certificate.getSubjectX500Principal().getName());
    }

    /** The common name (CN) of the certificate's subject: whose it is. */
    public static java.util.Optional<String> commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return names.length == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(names[0].getFirst().getValue().toString());
    }
}

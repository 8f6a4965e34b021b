package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.asic.common.ASiCContent;
import eu.europa.esig.dss.asic.xades.extract.ASiCWithXAdESContainerExtractor;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.SignatureScopeType;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.validation.reports.Reports;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.agencyworkspace.connector.signing.PackageRefusedException.Reason;
import org.agencyworkspace.connector.signing.SignatureFinding.CertificateStanding;

/**
 * Reads a received exchange package and accepts it only whole: an ASiC-E container whose every
 * file is covered by an intact signature of a trusted, valid certificate, whose metadata is valid
 * against its schema and lists exactly the files present, sent by a configured agency and signed
 * by a certificate of that agency, at a level this workspace accepts by exchange. Anything else is
 * a {@link PackageRefusedException} naming the reason; hostile bytes never escape as another
 * exception.
 */
public final class ExchangePackageReader {

    private final SignatureValidator validator;
    private final Map<String, KnownSender> senders;
    private final Set<String> acceptedLevels;
    private final int maxBytes;

    /**
     * @param acceptedLevels the classification levels this workspace takes by exchange
     * @param maxBytes the largest package accepted
     */
    public ExchangePackageReader(SignatureValidator validator, List<KnownSender> senders, Set<String> acceptedLevels,
            int maxBytes) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.senders = senders.stream().collect(Collectors.toUnmodifiableMap(KnownSender::code, Function.identity()));
        this.acceptedLevels = Set.copyOf(acceptedLevels);
        this.maxBytes = maxBytes;
    }

    public ReceivedPackage read(byte[] bytes) throws PackageRefusedException {
        if (bytes.length > maxBytes) {
            throw new PackageRefusedException(Reason.TOO_LARGE,
                    "the package has " + bytes.length + " bytes, more than the " + maxBytes + " accepted");
        }
        try {
            return readWhole(bytes);
        } catch (RuntimeException e) {
            throw new PackageRefusedException(Reason.MALFORMED,
                    "not a readable ASiC-E exchange package (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ReceivedPackage readWhole(byte[] bytes) throws PackageRefusedException {
        InMemoryDocument container = new InMemoryDocument(bytes, "package.asice");
        ASiCContent content = new ASiCWithXAdESContainerExtractor(container).extract();
        if (content.getContainerType() != ASiCContainerType.ASiC_E) {
            throw new PackageRefusedException(Reason.MALFORMED, "the package is not an ASiC-E container");
        }
        if (!content.getUnsupportedDocuments().isEmpty()) {
            throw new PackageRefusedException(Reason.MALFORMED, "the package holds files outside its signed content: "
                    + names(content.getUnsupportedDocuments()));
        }
        if (content.getSignatureDocuments().isEmpty()) {
            throw new PackageRefusedException(Reason.UNSIGNED, "the package carries no signature");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (DSSDocument document : content.getSignedDocuments()) {
            if (files.put(document.getName(), PdfSigner.bytesOf(document)) != null) {
                throw new PackageRefusedException(Reason.MALFORMED, "the file " + document.getName() + " appears twice");
            }
        }
        Reports reports = validator.reportsOf(container);
        List<SignatureFinding> findings = SignatureValidator.findings(reports);
        if (findings.isEmpty()) {
            throw new PackageRefusedException(Reason.UNSIGNED, "the package carries no signature");
        }
        for (SignatureFinding finding : findings) {
            requireValid(finding);
        }
        for (SignatureWrapper signature : reports.getDiagnosticData().getSignatures()) {
            Set<String> covered = new HashSet<>();
            for (XmlSignatureScope scope : signature.getSignatureScopes()) {
                if (scope.getScope() == SignatureScopeType.FULL) {
                    covered.add(scope.getName());
                }
            }
            for (String name : files.keySet()) {
                if (!covered.contains(name)) {
                    throw new PackageRefusedException(Reason.TAMPERED, "the file " + name + " is not covered by the signature");
                }
            }
        }
        byte[] xml = files.get(ExchangeMetadataXml.FILE_NAME);
        if (xml == null) {
            throw new PackageRefusedException(Reason.MALFORMED, "the package has no " + ExchangeMetadataXml.FILE_NAME);
        }
        ExchangeMetadata metadata;
        try {
            metadata = ExchangeMetadataXml.read(xml);
        } catch (ExchangeMetadataXml.MalformedMetadataException e) {
            throw new PackageRefusedException(Reason.MALFORMED, "the metadata breaks its schema: " + e.getMessage());
        }
        Set<String> declared = new HashSet<>(metadata.attachments());
        declared.add(metadata.document());
        declared.add(ExchangeMetadataXml.FILE_NAME);
        if (!declared.equals(files.keySet()) || declared.size() != metadata.attachments().size() + 2) {
            throw new PackageRefusedException(Reason.TAMPERED, "the files in the package " + files.keySet()
                    + " are not those its metadata lists " + declared);
        }
        KnownSender sender = senders.get(metadata.sender().code());
        if (sender == null) {
            throw new PackageRefusedException(Reason.UNKNOWN_SENDER,
                    "the sender " + metadata.sender().code() + " (" + metadata.sender().name() + ") is not a configured sender");
        }
        for (SignatureFinding finding : findings) {
            if (!sender.organisation().equals(finding.organisation())) {
                throw new PackageRefusedException(Reason.UNKNOWN_SENDER, "the package claims to come from "
                        + sender.code() + " but " + finding.signer() + " of '" + finding.organisation() + "' signed it");
            }
        }
        if (!acceptedLevels.contains(metadata.level())) {
            throw new PackageRefusedException(Reason.ABOVE_ALLOWED_LEVEL, "documents of level " + metadata.level()
                    + " are not accepted by exchange here");
        }
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        metadata.attachments().forEach(name -> attachments.put(name, files.get(name)));
        return new ReceivedPackage(metadata, files.get(metadata.document()), attachments, new ValidationReport(findings, ""));
    }

    private static void requireValid(SignatureFinding finding) throws PackageRefusedException {
        if (!finding.intact()) {
            throw new PackageRefusedException(Reason.TAMPERED,
                    "the package was altered after " + finding.signer() + " signed it");
        }
        if (!finding.trusted()) {
            throw new PackageRefusedException(Reason.UNTRUSTED_SIGNER,
                    "the certificate of " + finding.signer() + " is not issued by a trusted certificate authority");
        }
        if (finding.certificate() != CertificateStanding.VALID) {
            throw new PackageRefusedException(Reason.CERTIFICATE_NOT_VALID, "the certificate of " + finding.signer()
                    + " was not valid when it signed (" + finding.certificate() + ")");
        }
        if (!finding.valid()) {
            throw new PackageRefusedException(Reason.INVALID_SIGNATURE, "the signature of " + finding.signer()
                    + " does not validate (" + finding.indication() + " " + finding.subIndication() + ")");
        }
    }

    private static List<String> names(List<DSSDocument> documents) {
        return documents.stream().map(DSSDocument::getName).toList();
    }
}

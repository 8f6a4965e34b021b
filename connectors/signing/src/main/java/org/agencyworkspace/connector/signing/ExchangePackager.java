package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.signing.SigningRefusedException.Reason;

/**
 * Builds the exchange package of a dispatched document (發文): an ASiC-E container holding the
 * final PDF, its attachments and {@code exchange-metadata.xml}, all covered by one XAdES signature
 * (baseline B-T when a time-stamp authority is configured, else B-B).
 */
public final class ExchangePackager {

    private final CertificateChecks checks;
    private final Optional<TimestampAuthority> timestamps;

    public ExchangePackager(CertificateChecks checks, Optional<TimestampAuthority> timestamps) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /**
     * @param attachments by file name, in the order the metadata lists them
     * @throws IllegalArgumentException when the files do not match the metadata or it breaks its schema
     * @throws SigningRefusedException when the key's certificate may not sign now
     */
    public byte[] pack(ExchangeMetadata metadata, byte[] document, Map<String, byte[]> attachments, UnlockedKey key) {
        if (!metadata.attachments().equals(new ArrayList<>(attachments.keySet()))) {
            throw new IllegalArgumentException("the attachments must be those the metadata lists, in its order");
        }
        Set<String> names = new HashSet<>(metadata.attachments());
        names.add(metadata.document());
        if (names.size() != metadata.attachments().size() + 1 || names.contains(ExchangeMetadataXml.FILE_NAME)) {
            throw new IllegalArgumentException("every file in a package needs its own name");
        }
        byte[] xml = ExchangeMetadataXml.write(metadata);
        checks.requireUsableForSigning(key.chain());
        Map<String, DSSDocument> files = new LinkedHashMap<>();
        files.put(metadata.document(), new InMemoryDocument(document, metadata.document(), MimeTypeEnum.PDF));
        attachments.forEach((name, bytes) -> files.put(name, new InMemoryDocument(bytes, name, MimeTypeEnum.BINARY)));
        files.put(ExchangeMetadataXml.FILE_NAME, new InMemoryDocument(xml, ExchangeMetadataXml.FILE_NAME, MimeTypeEnum.XML));
        List<DSSDocument> toSign = List.copyOf(files.values());

        return signAsicE(checks, timestamps, toSign, key);
    }

    /**
     * One XAdES signature (B-T with a time-stamp authority, else B-B) over {@code toSign} in a new
     * ASiC-E container: the packages' and the acknowledgements' signature alike.
     */
    static byte[] signAsicE(CertificateChecks checks, Optional<TimestampAuthority> timestamps, List<DSSDocument> toSign,
            UnlockedKey key) {
        ASiCWithXAdESService service = new ASiCWithXAdESService(checks.verifier());
        timestamps.ifPresent(authority -> service.setTspSource(authority.source()));
        ASiCWithXAdESSignatureParameters parameters = new ASiCWithXAdESSignatureParameters();
        parameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        parameters.setSignatureLevel(timestamps.isPresent() ? SignatureLevel.XAdES_BASELINE_T : SignatureLevel.XAdES_BASELINE_B);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(key.certificate()));
        parameters.setCertificateChain(key.chain().stream().skip(1).map(CertificateToken::new).toList());
        parameters.bLevel().setSigningDate(Date.from(checks.clock().instant()));
        try {
            ToBeSigned toBeSigned = service.getDataToSign(toSign, parameters);
            SignatureValue value = new SignatureValue(
                    key.isEc() ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256,
                    key.signSha256(toBeSigned.getBytes()));
            return PdfSigner.bytesOf(service.signDocument(toSign, parameters, value));
        } catch (DSSExternalResourceException e) {
            throw new SigningRefusedException(Reason.TIMESTAMP_FAILED,
                    "the time-stamp authority did not answer with a time stamp: " + e.getMessage(), e);
        }
    }
}

package org.agencyworkspace.connector.signing;

import eu.europa.esig.dss.asic.common.ASiCContent;
import eu.europa.esig.dss.asic.xades.extract.ASiCWithXAdESContainerExtractor;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.InMemoryDocument;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.connector.signing.ExchangeAcknowledgement.Outcome;
import org.agencyworkspace.connector.signing.PackageRefusedException.Reason;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signs and reads acknowledgements of exchange packages: an ASiC-E container holding only
 * {@code exchange-acknowledgement.xml}, covered by one XAdES baseline B-B signature of the
 * receiving agency. A read acknowledgement is returned only when its signature is intact and its
 * certificate trusted and valid; the caller checks the signer is the agency it sent to.
 */
public final class ExchangeAcknowledgements {

    public static final String NAMESPACE = "urn:agencyworkspace:exchange:acknowledgement:1";
    public static final String FILE_NAME = "exchange-acknowledgement.xml";
    private static final int MAX_BYTES = 1024 * 1024;

    /** A verified acknowledgement and the organisation (O=) of the certificate that signed it. */
    public record Signed(ExchangeAcknowledgement acknowledgement, String signerOrganisation) {
    }

    private final CertificateChecks checks;
    private final SignatureValidator validator;

    public ExchangeAcknowledgements(CertificateChecks checks, SignatureValidator validator) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** The lower-case hex SHA-256 an acknowledgement names a package by. */
    public static String digestOf(byte[] packageBytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packageBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * @throws SigningRefusedException when the key's certificate may not sign now
     */
    public byte[] sign(ExchangeAcknowledgement acknowledgement, UnlockedKey key) {
        checks.requireUsableForSigning(key.chain());
        return ExchangePackager.signAsicE(checks, Optional.empty(),
                List.of(new InMemoryDocument(write(acknowledgement), FILE_NAME, MimeTypeEnum.XML)), key);
    }

    /**
     * @throws PackageRefusedException when the bytes are not an intact acknowledgement signed by a
     *     trusted, valid certificate; hostile bytes never escape as another exception
     */
    public Signed read(byte[] bytes) throws PackageRefusedException {
        if (bytes.length > MAX_BYTES) {
            throw new PackageRefusedException(Reason.TOO_LARGE, "an acknowledgement of " + bytes.length + " bytes");
        }
        try {
            InMemoryDocument container = new InMemoryDocument(bytes, "acknowledgement.asice");
            ASiCContent content = new ASiCWithXAdESContainerExtractor(container).extract();
            if (content.getContainerType() != ASiCContainerType.ASiC_E || !content.getUnsupportedDocuments().isEmpty()
                    || content.getSignedDocuments().size() != 1
                    || !FILE_NAME.equals(content.getSignedDocuments().get(0).getName())) {
                throw new PackageRefusedException(Reason.MALFORMED, "not an ASiC-E container holding only " + FILE_NAME);
            }
            List<SignatureFinding> findings = SignatureValidator.findings(validator.reportsOf(container));
            if (findings.size() != 1) {
                throw new PackageRefusedException(Reason.UNSIGNED, "an acknowledgement carries exactly one signature");
            }
            SignatureFinding finding = findings.get(0);
            if (!finding.intact()) {
                throw new PackageRefusedException(Reason.TAMPERED, "the acknowledgement was altered after it was signed");
            }
            if (!finding.trusted() || !finding.valid()) {
                throw new PackageRefusedException(Reason.UNTRUSTED_SIGNER, "the acknowledgement's signature of "
                        + finding.signer() + " does not validate (" + finding.indication() + " " + finding.subIndication() + ")");
            }
            return new Signed(parse(PdfSigner.bytesOf(content.getSignedDocuments().get(0))), finding.organisation());
        } catch (RuntimeException e) {
            throw new PackageRefusedException(Reason.MALFORMED,
                    "not a readable acknowledgement (" + e.getClass().getSimpleName() + ")");
        }
    }

    static byte[] write(ExchangeAcknowledgement acknowledgement) {
        try {
            Document document = ExchangeMetadataXml.builder(false).newDocument();
            Element root = document.createElementNS(NAMESPACE, "exchangeAcknowledgement");
            root.setAttribute("version", "1");
            document.appendChild(root);
            text(root, "receiver", acknowledgement.receiverName()).setAttribute("code", acknowledgement.receiverCode());
            text(root, "senderCode", acknowledgement.senderCode());
            text(root, "documentNumber", acknowledgement.documentNumber());
            text(root, "packageDigest", acknowledgement.packageDigest()).setAttribute("algorithm", "SHA-256");
            text(root, "outcome", acknowledgement.outcome().name().toLowerCase(java.util.Locale.ROOT));
            text(root, "reason", acknowledgement.reason());
            text(root, "detail", acknowledgement.detail());
            text(root, "at", acknowledgement.at().toString());
            return ExchangeMetadataXml.serialise(document);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("cannot write an acknowledgement: " + e.getMessage(), e);
        }
    }

    /** Parses with no DTDs or entities; every element exactly once, values checked by the record. */
    static ExchangeAcknowledgement parse(byte[] xml) throws PackageRefusedException {
        Element root;
        try {
            root = ExchangeMetadataXml.builder(false).parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (Exception e) {
            throw new PackageRefusedException(Reason.MALFORMED, "the acknowledgement is not well-formed XML");
        }
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"exchangeAcknowledgement".equals(root.getLocalName())
                || !"1".equals(root.getAttribute("version"))) {
            throw new PackageRefusedException(Reason.MALFORMED, "not an acknowledgement of version 1");
        }
        Element receiver = child(root, "receiver");
        Element digest = child(root, "packageDigest");
        if (!"SHA-256".equals(digest.getAttribute("algorithm"))) {
            throw new PackageRefusedException(Reason.MALFORMED, "the package digest must be SHA-256");
        }
        Outcome outcome = switch (child(root, "outcome").getTextContent()) {
            case "received" -> Outcome.RECEIVED;
            case "refused" -> Outcome.REFUSED;
            default -> throw new PackageRefusedException(Reason.MALFORMED, "the outcome is neither received nor refused");
        };
        try {
            return new ExchangeAcknowledgement(receiver.getAttribute("code"), receiver.getTextContent(),
                    child(root, "senderCode").getTextContent(), child(root, "documentNumber").getTextContent(),
                    digest.getTextContent(), outcome, child(root, "reason").getTextContent(),
                    child(root, "detail").getTextContent(), Instant.parse(child(root, "at").getTextContent()));
        } catch (RuntimeException e) {
            throw new PackageRefusedException(Reason.MALFORMED, "the acknowledgement's values are not valid: " + e.getMessage());
        }
    }

    private static Element text(Element parent, String name, String value) {
        Element element = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        element.setTextContent(value);
        parent.appendChild(element);
        return element;
    }

    private static Element child(Element parent, String name) throws PackageRefusedException {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        if (found.size() != 1) {
            throw new PackageRefusedException(Reason.MALFORMED, "the acknowledgement needs exactly one " + name);
        }
        return found.get(0);
    }
}

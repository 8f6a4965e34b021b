package org.agencyworkspace.connector.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Party;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code exchange-metadata.xml}: written and read against {@code exchange-metadata-1.xsd}, with no
 * DTDs or external entities, so hostile metadata is refused before any value is used.
 */
public final class ExchangeMetadataXml {

    public static final String NAMESPACE = "urn:agencyworkspace:exchange:metadata:1";
    public static final String FILE_NAME = "exchange-metadata.xml";
    static final String SCHEMA = "exchange-metadata-1.xsd";
    private static final Schema COMPILED = compile();

    private ExchangeMetadataXml() {
    }

    /** The schema, for callers that validate metadata themselves. */
    public static Schema schema() {
        return COMPILED;
    }

    /**
     * @throws IllegalArgumentException when the metadata breaks the schema (an empty subject, a
     *     file name with a folder, ...): nothing is packed then
     */
    public static byte[] write(ExchangeMetadata metadata) {
        try {
            Document document = builder(false).newDocument();
            Element root = document.createElementNS(NAMESPACE, "exchangeMetadata");
            root.setAttribute("version", "1");
            document.appendChild(root);
            party(root, "sender", metadata.sender());
            text(root, "documentNumber", metadata.documentNumber());
            text(root, "date", metadata.date().toString());
            text(root, "urgency", metadata.urgency().label());
            text(root, "level", metadata.level());
            Element recipients = text(root, "recipients", null);
            metadata.recipients().forEach(recipient -> party(recipients, "recipient", recipient));
            text(root, "subject", metadata.subject());
            text(root, "document", metadata.document());
            metadata.attachments().forEach(name -> text(root, "attachment", name));
            byte[] xml = serialise(document);
            read(xml);
            return xml;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot write exchange metadata: " + e.getMessage(), e);
        } catch (MalformedMetadataException e) {
            throw new IllegalArgumentException("the exchange metadata breaks its schema: " + e.getMessage(), e);
        }
    }

    /**
     * @throws MalformedMetadataException when the bytes are not metadata valid against the schema
     */
    public static ExchangeMetadata read(byte[] xml) throws MalformedMetadataException {
        try {
            Element root = builder(true).parse(new ByteArrayInputStream(xml)).getDocumentElement();
            List<Party> recipients = new ArrayList<>();
            for (Element recipient : children(child(root, "recipients"), "recipient")) {
                recipients.add(partyOf(recipient));
            }
            List<String> attachments = children(root, "attachment").stream().map(Node::getTextContent).toList();
            return new ExchangeMetadata(partyOf(child(root, "sender")), child(root, "documentNumber").getTextContent(),
                    LocalDate.parse(child(root, "date").getTextContent()),
                    ExchangeMetadata.Urgency.ofLabel(child(root, "urgency").getTextContent()),
                    child(root, "level").getTextContent(), recipients, child(root, "subject").getTextContent(),
                    child(root, "document").getTextContent(), attachments);
        } catch (SAXException | IOException | RuntimeException e) {
            throw new MalformedMetadataException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Metadata that is not valid against the schema. */
    public static final class MalformedMetadataException extends Exception {
        MalformedMetadataException(String message) {
            super(message);
        }
    }

    /** UTF-8, indented, with no external DTDs or stylesheets: how the exchange's XML files are written. */
    static byte[] serialise(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML: " + e.getMessage(), e);
        }
    }

    /** A namespace-aware parser with no DTDs, entities or XIncludes; validating against the metadata schema if asked. */
    static DocumentBuilder builder(boolean validating) throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        if (validating) {
            factory.setSchema(COMPILED);
        }
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make metadata invalid
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder;
    }

    private static Schema compile() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(ExchangeMetadataXml.class.getResource(SCHEMA));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + SCHEMA, e);
        }
    }

    private static Element text(Element parent, String name, String value) {
        Element element = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        if (value != null) {
            element.setTextContent(value);
        }
        parent.appendChild(element);
        return element;
    }

    private static void party(Element parent, String name, Party party) {
        text(parent, name, party.name()).setAttribute("code", party.code());
    }

    private static Party partyOf(Element element) {
        return new Party(element.getAttribute("code"), element.getTextContent());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + name);
        }
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}

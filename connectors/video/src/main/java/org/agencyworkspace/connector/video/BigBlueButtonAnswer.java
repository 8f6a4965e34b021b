package org.agencyworkspace.connector.video;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * One XML answer of the BigBlueButton API ({@code <response><returncode>SUCCESS</returncode>...}).
 * The answer comes from the network: no DTD, no external entities, and anything that is not such a
 * document reads as an answer without a return code (a refusal).
 */
final class BigBlueButtonAnswer {

    private static final int MAX_ATTENDEES = 10_000;

    private final Element response;

    private BigBlueButtonAnswer(Element response) {
        this.response = response;
    }

    static BigBlueButtonAnswer read(String xml) {
        if (xml == null || xml.isBlank()) {
            return new BigBlueButtonAnswer(null);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Quiet: a broken answer is a refusal, not a line on standard error.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            Document document = builder.parse(new InputSource(new StringReader(xml)));
            Element root = document.getDocumentElement();
            return new BigBlueButtonAnswer("response".equals(root.getTagName()) ? root : null);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return new BigBlueButtonAnswer(null);
        }
    }

    boolean success() {
        return "SUCCESS".equals(text("returncode").orElse(null));
    }

    /** The text of a direct child of {@code <response>}, stripped; empty when absent or blank. */
    Optional<String> text(String name) {
        return child(response, name).map(Node::getTextContent).map(String::strip).filter(text -> !text.isEmpty());
    }

    /**
     * The people in the meeting ({@code <attendees><attendee>}) who carry the {@code userID} the
     * workspace gave them in their join link; others (joined some other way) are left out.
     */
    List<Participant> attendees() {
        List<Participant> attendees = new ArrayList<>();
        Optional<Element> list = child(response, "attendees");
        if (list.isEmpty()) {
            return attendees;
        }
        NodeList nodes = list.get().getChildNodes();
        for (int i = 0; i < nodes.getLength() && attendees.size() < MAX_ATTENDEES; i++) {
            if (nodes.item(i) instanceof Element attendee && "attendee".equals(attendee.getTagName())) {
                Optional<String> id = child(attendee, "userID").map(Node::getTextContent).map(String::strip)
                        .filter(text -> !text.isEmpty());
                String name = child(attendee, "fullName").map(Node::getTextContent).map(String::strip)
                        .filter(text -> !text.isEmpty()).orElse(id.orElse(""));
                id.ifPresent(login -> attendees.add(new Participant(login, name, null)));
            }
        }
        return attendees;
    }

    private static Optional<Element> child(Element parent, String name) {
        if (parent == null) {
            return Optional.empty();
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && name.equals(element.getTagName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}

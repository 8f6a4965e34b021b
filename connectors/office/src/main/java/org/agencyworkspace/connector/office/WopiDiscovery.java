package org.agencyworkspace.connector.office;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An editor's WOPI discovery document ({@code GET /hosting/discovery}), parsed once: where to
 * send the browser for each extension and action, and the keys the editor signs its requests
 * with. Collabora names its apps by MIME type, ONLYOFFICE by product; both list actions by
 * extension, which is what is looked up here.
 *
 * @param actions {@code ext/action} (lower case) to the action's {@code urlsrc}
 * @param proofKey the current proof key; null when the editor does not sign (Collabora without
 *     a {@code proof_key} file)
 * @param oldProofKey the previous proof key, during a key rotation; null when there is none
 */
public record WopiDiscovery(Map<String, String> actions, RSAPublicKey proofKey,
        RSAPublicKey oldProofKey) {

    public WopiDiscovery {
        actions = Map.copyOf(actions);
    }

    /** The {@code urlsrc} for this extension and action ({@code edit}, {@code view}, ...). */
    public Optional<String> urlsrc(String extension, String action) {
        return Optional.ofNullable(actions.get(key(extension, action)));
    }

    /** Whether the editor signs its requests (discovery carries a proof key). */
    public boolean signsRequests() {
        return proofKey != null;
    }

    /**
     * @throws OfficeProtocolException when the document is not discovery XML or a key is broken
     */
    public static WopiDiscovery parse(InputStream xml) {
        Document document = read(xml);
        Element root = document.getDocumentElement();
        if (!"wopi-discovery".equals(root.getLocalName() == null ? root.getNodeName() : root.getLocalName())) {
            throw new OfficeProtocolException("not a WOPI discovery document: <" + root.getNodeName() + ">");
        }
        Map<String, String> actions = new HashMap<>();
        NodeList found = root.getElementsByTagName("action");
        for (int i = 0; i < found.getLength(); i++) {
            Element action = (Element) found.item(i);
            String ext = action.getAttribute("ext");
            String name = action.getAttribute("name");
            String urlsrc = action.getAttribute("urlsrc");
            if (!ext.isEmpty() && !name.isEmpty() && !urlsrc.isEmpty()) {
                // The first of several apps offering the same action wins, as editors list their
                // preferred app first.
                actions.putIfAbsent(key(ext, name), urlsrc);
            }
        }
        NodeList proofKeys = root.getElementsByTagName("proof-key");
        RSAPublicKey current = null;
        RSAPublicKey old = null;
        if (proofKeys.getLength() > 0) {
            Element proof = (Element) proofKeys.item(0);
            current = rsa(proof.getAttribute("modulus"), proof.getAttribute("exponent"));
            old = rsa(proof.getAttribute("oldmodulus"), proof.getAttribute("oldexponent"));
        }
        return new WopiDiscovery(actions, current, old);
    }

    private static Document read(InputStream xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Discovery comes over the network: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(xml);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured safely", e);
        } catch (SAXException | IOException e) {
            throw new OfficeProtocolException("the discovery document cannot be read: " + e.getMessage(), e);
        }
    }

    private static RSAPublicKey rsa(String modulus, String exponent) {
        if (modulus.isBlank() || exponent.isBlank()) {
            return null;
        }
        try {
            Base64.Decoder base64 = Base64.getMimeDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, base64.decode(modulus.strip())),
                    new BigInteger(1, base64.decode(exponent.strip())));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new OfficeProtocolException("the discovery's proof key is not a valid RSA key", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    private static String key(String extension, String action) {
        return extension.toLowerCase(Locale.ROOT) + "/" + action.toLowerCase(Locale.ROOT);
    }
}

package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import com.github.sardine.model.Multistatus;
import com.github.sardine.model.Prop;
import com.github.sardine.model.Propstat;
import com.github.sardine.model.Response;
import com.github.sardine.util.SardineUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.w3c.dom.Element;

/** The XML of {@code PROPFIND} and {@code PROPPATCH}: request bodies and reading answers. */
final class DavXml {

    static final String DAV = "DAV:";
    static final String OC = "http://owncloud.org/ns";
    static final String NC = "http://nextcloud.org/ns";

    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,99}");
    private static final ContentType XML = ContentType.create("application/xml", "UTF-8");
    private static final List<String> STANDARD = List.of("getetag", "getlastmodified",
            "getcontentlength", "getcontenttype", "resourcetype");

    private DavXml() {
    }

    /** {@code name} once it is usable as a property's local name (an XML NCName). */
    static String propertyName(String name) {
        if (name == null || !LOCAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("property names are letters, digits, . _ -"
                    + " starting with a letter or _: " + name);
        }
        return name;
    }

    /**
     * A {@code PROPFIND} body naming the standard properties, {@code oc:fileid}, {@code oc:size}
     * and {@code ours} in our namespace. Named rather than {@code allprop}, because Nextcloud
     * answers {@code allprop} without dead properties.
     */
    static ByteArrayEntity propfind(Set<String> ours) {
        return document(xml -> {
            xml.writeStartElement("d", "propfind", DAV);
            declareNamespaces(xml);
            xml.writeStartElement(DAV, "prop");
            for (String name : STANDARD) {
                xml.writeEmptyElement(DAV, name);
            }
            xml.writeEmptyElement(OC, "fileid");
            xml.writeEmptyElement(OC, "size");
            for (String name : ours) {
                xml.writeEmptyElement(NextcloudFiles.NAMESPACE, propertyName(name));
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** A {@code PROPFIND} body naming {@code properties}, for tags and other fixed sets. */
    static ByteArrayEntity propfind(List<QName> properties) {
        return document(xml -> {
            xml.writeStartElement("d", "propfind", DAV);
            declareNamespaces(xml);
            xml.writeStartElement(DAV, "prop");
            for (QName name : properties) {
                xml.writeEmptyElement(name.getNamespaceURI(), name.getLocalPart());
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** A {@code PROPPATCH} body setting {@code set} and removing {@code remove}, ours all. */
    static ByteArrayEntity proppatch(Map<String, String> set, Set<String> remove) {
        return document(xml -> {
            xml.writeStartElement("d", "propertyupdate", DAV);
            declareNamespaces(xml);
            if (!set.isEmpty()) {
                xml.writeStartElement(DAV, "set");
                xml.writeStartElement(DAV, "prop");
                for (Map.Entry<String, String> property : set.entrySet()) {
                    xml.writeStartElement(NextcloudFiles.NAMESPACE,
                            propertyName(property.getKey()));
                    xml.writeCharacters(property.getValue());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            if (!remove.isEmpty()) {
                xml.writeStartElement(DAV, "remove");
                xml.writeStartElement(DAV, "prop");
                for (String name : remove) {
                    xml.writeEmptyElement(NextcloudFiles.NAMESPACE, propertyName(name));
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /**
     * The entries of a {@code PROPFIND} answer, with paths relative to {@code rootPath} (the
     * decoded path of the account's files root, ending in {@code /}). Only properties reported
     * with status 200 are read: a requested property the entry lacks comes back under 404 and
     * is left out.
     */
    static List<DavEntry> entries(Multistatus answer, String rootPath, String sanitizedUri) {
        List<DavEntry> entries = new ArrayList<>();
        for (Response response : answer.getResponse()) {
            entries.add(entry(response, rootPath, sanitizedUri));
        }
        return entries;
    }

    /** The properties reported with status 200 in {@code response}, by namespace and name. */
    static Map<QName, String> foundProperties(Response response) {
        Map<QName, String> found = new HashMap<>();
        for (Propstat propstat : response.getPropstat()) {
            if (isOk(propstat.getStatus()) && propstat.getProp() != null) {
                for (Element element : propstat.getProp().getAny()) {
                    found.put(SardineUtil.toQName(element), element.getTextContent());
                }
            }
        }
        return found;
    }

    /** The names of properties whose {@code propstat} is not a 2xx status, for refusals. */
    static List<String> failedProperties(Multistatus answer) {
        List<String> failed = new ArrayList<>();
        for (Response response : answer.getResponse()) {
            for (Propstat propstat : response.getPropstat()) {
                if (!isOk(propstat.getStatus()) && propstat.getProp() != null) {
                    propstat.getProp().getAny().forEach(element -> failed.add(
                            element.getLocalName() + " (" + propstat.getStatus() + ")"));
                }
            }
        }
        return failed;
    }

    static String href(Response response, String sanitizedUri) {
        if (response.getHref().isEmpty()) {
            throw malformed(sanitizedUri, "a response without href");
        }
        return response.getHref().get(0);
    }

    private static DavEntry entry(Response response, String rootPath, String sanitizedUri) {
        String path = URI.create(href(response, sanitizedUri)).getPath();
        if (!(path + "/").startsWith(rootPath)) {
            throw malformed(sanitizedUri, "an entry outside the files root: " + path);
        }
        FilePath where = FilePath.exact(path.length() < rootPath.length() ? ""
                : path.substring(rootPath.length()));
        Prop standard = okProp(response);
        Map<QName, String> found = foundProperties(response);
        Map<String, String> ours = new HashMap<>();
        found.forEach((name, value) -> {
            if (NextcloudFiles.NAMESPACE.equals(name.getNamespaceURI())) {
                ours.put(name.getLocalPart(), value);
            }
        });
        boolean collection = standard != null && standard.getResourcetype() != null
                && standard.getResourcetype().getCollection() != null;
        OptionalLong length = standard == null || standard.getGetcontentlength() == null
                ? OptionalLong.empty() : number(text(standard.getGetcontentlength().getContent()));
        OptionalLong folderSize = number(found.get(new QName(OC, "size")));
        return new DavEntry(where, number(found.get(new QName(OC, "fileid"))),
                Optional.ofNullable(standard == null || standard.getGetetag() == null ? null
                        : text(standard.getGetetag().getContent())).filter(tag -> !tag.isBlank())
                        .map(ETag::parse),
                collection ? folderSize.orElse(0) : length.orElse(folderSize.orElse(0)),
                standard == null || standard.getGetcontenttype() == null ? ""
                        : text(standard.getGetcontenttype().getContent()),
                standard == null || standard.getGetlastmodified() == null ? null
                        : instant(text(standard.getGetlastmodified().getContent())),
                collection, ours);
    }

    /** The {@code prop} of the first 200 {@code propstat}, where servers put found properties. */
    private static Prop okProp(Response response) {
        for (Propstat propstat : response.getPropstat()) {
            if (isOk(propstat.getStatus()) && propstat.getProp() != null) {
                return propstat.getProp();
            }
        }
        return null;
    }

    private static boolean isOk(String status) {
        return status != null && status.matches("HTTP/\\S+ 2\\d\\d.*");
    }

    private static String text(List<String> content) {
        return content == null ? "" : String.join("", content).strip();
    }

    private static OptionalLong number(String text) {
        return text != null && text.strip().matches("\\d{1,18}")
                ? OptionalLong.of(Long.parseLong(text.strip())) : OptionalLong.empty();
    }

    private static Instant instant(String text) {
        Date date = SardineUtil.parseDate(text);
        return date == null ? null : date.toInstant();
    }

    private static PermanentConnectorException malformed(String sanitizedUri, String what) {
        return new PermanentConnectorException(SardineNextcloudConnector.NAME,
                "PROPFIND answer has " + what, 207, sanitizedUri, null, null);
    }

    private static void declareNamespaces(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeNamespace("d", DAV);
        xml.writeNamespace("oc", OC);
        xml.writeNamespace("nc", NC);
        xml.writeNamespace("aw", NextcloudFiles.NAMESPACE);
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /**
     * Looked up once: {@code newFactory()} searches the class path for an implementation on
     * every call, a few per cent of the WOPI host's CPU samples in bench office. Woodstox's
     * factory, once configured, makes writers safely from many threads.
     */
    private static final XMLOutputFactory WRITERS = XMLOutputFactory.newFactory();

    private static ByteArrayEntity document(XmlBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = WRITERS.createXMLStreamWriter(bytes, "UTF-8");
            xml.setPrefix("d", DAV);
            xml.setPrefix("oc", OC);
            xml.setPrefix("nc", NC);
            xml.setPrefix("aw", NextcloudFiles.NAMESPACE);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write WebDAV XML", e);
        }
        return new ByteArrayEntity(bytes.toByteArray(), XML);
    }
}

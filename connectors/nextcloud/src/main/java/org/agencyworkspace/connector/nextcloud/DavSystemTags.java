package org.agencyworkspace.connector.nextcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.sardine.impl.handler.MultiStatusResponseHandler;
import com.github.sardine.impl.methods.HttpPropFind;
import com.github.sardine.model.Multistatus;
import com.github.sardine.model.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;

final class DavSystemTags implements NextcloudSystemTags {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QName ID = new QName(DavXml.OC, "id");
    private static final QName NAME = new QName(DavXml.OC, "display-name");
    private static final QName VISIBLE = new QName(DavXml.OC, "user-visible");
    private static final QName ASSIGNABLE = new QName(DavXml.OC, "user-assignable");
    private static final QName CAN_ASSIGN = new QName(DavXml.OC, "can-assign");

    private final DavTransport transport;
    private final String tagsRoot;
    private final String relationsRoot;

    /** @param davUrl the WebDAV root, {@code .../remote.php/dav}, without a trailing slash */
    DavSystemTags(DavTransport transport, String davUrl) {
        this.transport = transport;
        this.tagsRoot = davUrl + "/systemtags/";
        this.relationsRoot = davUrl + "/systemtags-relations/files/";
    }

    @Override
    public List<SystemTag> listTags() {
        return tags(tagsRoot);
    }

    @Override
    public SystemTag createTagIfMissing(String name, boolean userVisible,
            boolean userAssignable) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("tag name required");
        }
        ObjectNode body = JSON.createObjectNode().put("name", name)
                .put("userVisible", userVisible).put("userAssignable", userAssignable);
        HttpPost post = new HttpPost(tagsRoot);
        post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON
                .withCharset(StandardCharsets.UTF_8)));
        Optional<String> location = transport.send(post, status -> status == 409,
                response -> response.getStatusLine().getStatusCode() == 409 ? Optional.empty()
                        : Optional.of(Optional.ofNullable(response.getFirstHeader(
                                "Content-Location")).map(Header::getValue).orElse("")));
        if (location.isEmpty()) {
            return listTags().stream()
                    .filter(tag -> tag.name().equals(name))
                    .min(Comparator.comparing(tag -> tag.userVisible() != userVisible
                            || tag.userAssignable() != userAssignable))
                    .orElseThrow(() -> new PermanentConnectorException(
                            SardineNextcloudConnector.NAME,
                            "tag exists (409) but is not visible to this account", 409,
                            UriSanitizer.sanitize(post.getURI()), name, null));
        }
        String href = location.get().replaceAll("/+$", "");
        String id = href.substring(href.lastIndexOf('/') + 1);
        if (!id.matches("\\d{1,18}")) {
            throw new PermanentConnectorException(SardineNextcloudConnector.NAME,
                    "created tag without a Content-Location naming its id", 201,
                    UriSanitizer.sanitize(post.getURI()), location.get(), null);
        }
        return new SystemTag(id, name, userVisible, userAssignable, true);
    }

    @Override
    public List<SystemTag> tagsOf(long fileId) {
        return tags(relationsRoot + fileId(fileId) + "/");
    }

    @Override
    public void assign(long fileId, String tagId) {
        try {
            transport.send(new HttpPut(relation(fileId, tagId)));
        } catch (PreconditionFailedException e) {
            throw new NotFoundException("no such tag", e.status(), e.sanitizedUri(),
                    e.serverMessage());
        }
    }

    @Override
    public boolean unassign(long fileId, String tagId) {
        return transport.send(new HttpDelete(relation(fileId, tagId)), status -> status == 404,
                response -> response.getStatusLine().getStatusCode() != 404);
    }

    private List<SystemTag> tags(String url) {
        HttpPropFind propfind = new HttpPropFind(url);
        propfind.setDepth("1");
        propfind.setEntity(DavXml.propfind(List.of(ID, NAME, VISIBLE, ASSIGNABLE, CAN_ASSIGN)));
        Multistatus answer = transport.send(propfind, status -> false,
                new MultiStatusResponseHandler()::handleResponse);
        List<SystemTag> tags = new ArrayList<>();
        for (Response response : answer.getResponse()) {
            Map<QName, String> found = DavXml.foundProperties(response);
            // The collection itself is listed too, without an id.
            if (found.containsKey(ID) && !found.get(ID).isBlank()) {
                tags.add(new SystemTag(found.get(ID).strip(), found.getOrDefault(NAME, ""),
                        "true".equals(found.get(VISIBLE)), "true".equals(found.get(ASSIGNABLE)),
                        "true".equals(found.get(CAN_ASSIGN))));
            }
        }
        return List.copyOf(tags);
    }

    private String relation(long fileId, String tagId) {
        if (tagId == null || !tagId.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("tag ids are numbers: " + tagId);
        }
        return relationsRoot + fileId(fileId) + "/" + tagId;
    }

    private static long fileId(long fileId) {
        if (fileId < 1) {
            throw new IllegalArgumentException("file ids are positive: " + fileId);
        }
        return fileId;
    }
}

package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import com.github.sardine.impl.handler.MultiStatusResponseHandler;
import com.github.sardine.impl.methods.HttpCopy;
import com.github.sardine.impl.methods.HttpMkCol;
import com.github.sardine.impl.methods.HttpMove;
import com.github.sardine.impl.methods.HttpPropFind;
import com.github.sardine.impl.methods.HttpPropPatch;
import com.github.sardine.model.Multistatus;
import java.io.InputStream;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.UriSanitizer;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.InputStreamEntity;

final class SardineNextcloudFiles implements NextcloudFiles {

    private final DavTransport transport;
    private final String filesRoot;
    private final String filesRootPath;
    private final UploadSettings uploads;
    private final ChunkedUpload chunked;

    /**
     * @param filesRoot the account's files root URL, ending in {@code /}
     * @param uploadsRoot the account's chunked-upload root URL, ending in {@code /}
     */
    SardineNextcloudFiles(DavTransport transport, String filesRoot, String uploadsRoot,
            UploadSettings uploads) {
        this.transport = transport;
        this.filesRoot = filesRoot;
        this.filesRootPath = URI.create(filesRoot).getPath();
        this.uploads = uploads;
        this.chunked = new ChunkedUpload(transport, uploadsRoot, uploads);
    }

    @Override
    public Optional<DavEntry> stat(FilePath path, Set<String> properties) {
        try {
            return propfind(path, "0", properties).stream().findFirst();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<DavEntry> list(FilePath folder, Set<String> properties) {
        return propfind(folder, "1", properties).stream()
                .filter(entry -> !entry.path().equals(folder))
                .toList();
    }

    @Override
    public Download download(FilePath file) {
        DavTransport.OpenAnswer answer = transport.open(new HttpGet(url(file)));
        long length = answer.response().getEntity().getContentLength();
        return new Download(answer.body(),
                answer.header("ETag").map(ETag::parse),
                length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                answer.header("Content-Type").orElse(""));
    }

    @Override
    public Upload upload(FilePath file, InputStream content, long length,
            WriteCondition condition) {
        if (file.isRoot()) {
            throw new IllegalArgumentException("cannot upload to the files root");
        }
        if (length < UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("length must be at least 0, or UNKNOWN_LENGTH");
        }
        if (!uploads.enabled()) {
            return put(file, content, length, condition);
        }
        if (length >= 0) {
            return length > uploads.threshold()
                    ? chunked.upload(url(file), chunked.streamed(content, length), length,
                            condition)
                    : put(file, content, length, condition);
        }
        byte[] first = ChunkedUpload.readChunk(content, uploads.chunkSize());
        boolean allRead = first.length < uploads.chunkSize();
        if (allRead && first.length <= uploads.threshold()) {
            return putBytes(file, first, condition);
        }
        return chunked.upload(url(file), chunked.buffered(content, first), UNKNOWN_LENGTH,
                condition);
    }

    @Override
    public boolean createFolder(FilePath folder) {
        return transport.send(new HttpMkCol(url(folder)), status -> status == 405,
                response -> response.getStatusLine().getStatusCode() != 405);
    }

    @Override
    public void move(FilePath from, FilePath to, boolean overwrite, WriteCondition condition) {
        if (condition.mustBeAbsent()) {
            throw new IllegalArgumentException("for a move that must not replace anything,"
                    + " pass overwrite false");
        }
        HttpMove move = new HttpMove(url(from), url(to), overwrite);
        transport.send(withCondition(move, condition));
    }

    @Override
    public void copy(FilePath from, FilePath to, boolean overwrite) {
        HttpCopy copy = new HttpCopy(url(from), url(to), overwrite);
        copy.setHeader("Depth", "infinity");
        transport.send(copy);
    }

    @Override
    public boolean delete(FilePath path, WriteCondition condition) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("refusing to delete the files root");
        }
        return transport.send(withCondition(new HttpDelete(url(path)), condition),
                status -> status == 404,
                response -> response.getStatusLine().getStatusCode() != 404);
    }

    @Override
    public void updateProperties(FilePath path, Map<String, String> set, Set<String> remove) {
        Set<String> both = new HashSet<>(set.keySet());
        both.retainAll(remove);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("properties both set and removed: " + both);
        }
        if (set.isEmpty() && remove.isEmpty()) {
            return;
        }
        HttpPropPatch patch = new HttpPropPatch(url(path));
        patch.setEntity(DavXml.proppatch(set, remove));
        Multistatus answer = transport.send(patch, status -> false,
                new MultiStatusResponseHandler()::handleResponse);
        List<String> refused = DavXml.failedProperties(answer);
        if (!refused.isEmpty()) {
            throw new PermanentConnectorException(SardineNextcloudConnector.NAME,
                    "PROPPATCH refused", 207, UriSanitizer.sanitize(patch.getURI()),
                    String.join(", ", refused), null);
        }
    }

    /** The {@code ETag} of a write's answer ({@code OC-ETag} or {@code ETag}). */
    static Optional<ETag> etag(HttpResponse response) {
        Header header = response.getFirstHeader("OC-ETag");
        if (header == null) {
            header = response.getFirstHeader("ETag");
        }
        return header == null || header.getValue().isBlank() ? Optional.empty()
                : Optional.of(ETag.parse(header.getValue()));
    }

    private List<DavEntry> propfind(FilePath path, String depth, Set<String> properties) {
        HttpPropFind propfind = new HttpPropFind(url(path));
        propfind.setDepth(depth);
        propfind.setEntity(DavXml.propfind(properties));
        Multistatus answer = transport.send(propfind, status -> false,
                new MultiStatusResponseHandler()::handleResponse);
        return DavXml.entries(answer, filesRootPath,
                UriSanitizer.sanitize(propfind.getURI()));
    }

    private Upload put(FilePath file, InputStream content, long length,
            WriteCondition condition) {
        InputStream body = length < 0 ? ContentStream.untilEnd(content)
                : ContentStream.exactly(content, length);
        return send(file, new InputStreamEntity(body, length), condition);
    }

    private Upload putBytes(FilePath file, byte[] content, WriteCondition condition) {
        return send(file, new ByteArrayEntity(content), condition);
    }

    private Upload send(FilePath file, HttpEntity entity,
            WriteCondition condition) {
        HttpPut put = new HttpPut(url(file));
        put.setEntity(entity);
        return transport.send(withCondition(put, condition), status -> false,
                response -> new Upload(response.getStatusLine().getStatusCode() == 201,
                        etag(response), 0));
    }

    private static <R extends HttpRequestBase> R withCondition(R request,
            WriteCondition condition) {
        condition.expected().ifPresent(etag -> request.setHeader("If-Match", etag.toString()));
        if (condition.mustBeAbsent()) {
            request.setHeader("If-None-Match", "*");
        }
        return request;
    }

    private String url(FilePath path) {
        return filesRoot + DavPaths.encoded(path);
    }
}

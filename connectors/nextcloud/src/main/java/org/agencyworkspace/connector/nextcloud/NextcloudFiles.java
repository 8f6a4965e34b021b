package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account's files over WebDAV, {@code /remote.php/dav/files/<user>/}. Get it from
 * {@link NextcloudConnector#files()}. Paths are {@link FilePath}s below that root.
 *
 * <p>Every method may throw {@link org.agencyworkspace.connector.TransientConnectorException}
 * (server unreachable, timeout, 5xx, 429: a retry may help) and
 * {@link org.agencyworkspace.connector.PermanentConnectorException} (401/403: wrong login, app
 * password or rights; other refusals), plus the typed refusals named on each method:
 * {@link NotFoundException} (404), {@link ParentMissingException} (409),
 * {@link PreconditionFailedException} (412), {@link LockedException} (423),
 * {@link InsufficientStorageException} (507). Messages carry the sanitised URI, never
 * credentials.
 *
 * <p>Our own properties live in {@link #NAMESPACE}; they are WebDAV dead properties, which
 * Nextcloud keeps per user and per path (another user seeing the file through a share does not
 * see them; a move keeps them, a copy may not).
 */
public interface NextcloudFiles {

    /** The XML namespace of the workspace's own properties (prefix {@code aw}). */
    String NAMESPACE = "https://agency-workspace.org/ns";

    /** For {@link #upload}: the caller does not know how many bytes the stream holds. */
    long UNKNOWN_LENGTH = -1;

    /**
     * {@code PROPFIND} with {@code Depth: 0}: the entry itself, with file id, ETag, size, type,
     * modification time and those of {@code properties} (local names in {@link #NAMESPACE}) it
     * has.
     *
     * @return empty when nothing is at {@code path} (404)
     */
    Optional<DavEntry> stat(FilePath path, Set<String> properties);

    /**
     * {@code PROPFIND} with {@code Depth: 1}: what {@code folder} holds, without the folder
     * itself, each with the same properties as {@link #stat}.
     *
     * @throws NotFoundException when there is no such folder
     */
    List<DavEntry> list(FilePath folder, Set<String> properties);

    /**
     * {@code GET}: the file's content as a stream, read from the network as the caller reads it
     * (nothing is buffered whole). Close the {@link Download}.
     *
     * @throws NotFoundException when there is no such file
     */
    Download download(FilePath file);

    /**
     * Writes {@code content} to {@code file}, streaming it: a single {@code PUT}, or Nextcloud's
     * chunked upload (v2) when the content is larger than the connector's threshold (see
     * {@link NextcloudConnector.Builder#chunkedUpload}). A known {@code length} is sent as
     * {@code Content-Length} and exactly that many bytes are read. With
     * {@link #UNKNOWN_LENGTH} and chunked upload on, at most one chunk is held in memory to learn
     * its size; with chunked upload off, the stream goes out as it is read
     * ({@code Transfer-Encoding: chunked}). The stream is not closed.
     *
     * @param length the number of bytes, or {@link #UNKNOWN_LENGTH}
     * @param condition {@link WriteCondition#ifMatch} to replace only the version read,
     *     {@link WriteCondition#ifAbsent} to create only
     * @throws PreconditionFailedException when the condition does not hold
     * @throws ParentMissingException when the folder does not exist
     * @throws LockedException, InsufficientStorageException as the server says
     * @throws IllegalArgumentException when the stream ends before {@code length} bytes
     */
    Upload upload(FilePath file, InputStream content, long length, WriteCondition condition);

    /**
     * {@code MKCOL}: creates one folder.
     *
     * @return true when created, false when something already exists there (405)
     * @throws ParentMissingException when its parent folder does not exist
     */
    boolean createFolder(FilePath folder);

    /**
     * {@code MOVE} with {@code Destination} and {@code Overwrite}; a folder moves with all it
     * holds, and our properties move with it.
     *
     * @param condition checked against {@code from} ({@code If-Match}); {@code ifAbsent} is not
     *     allowed here: pass {@code overwrite} false instead
     * @throws PreconditionFailedException when {@code overwrite} is false and {@code to} exists,
     *     or the condition does not hold
     * @throws NotFoundException when {@code from} does not exist
     * @throws ParentMissingException when the folder of {@code to} does not exist
     */
    void move(FilePath from, FilePath to, boolean overwrite, WriteCondition condition);

    /**
     * {@code COPY} with {@code Destination}, {@code Overwrite} and {@code Depth: infinity}.
     *
     * @throws PreconditionFailedException when {@code overwrite} is false and {@code to} exists
     * @throws NotFoundException when {@code from} does not exist
     * @throws ParentMissingException when the folder of {@code to} does not exist
     */
    void copy(FilePath from, FilePath to, boolean overwrite);

    /**
     * {@code DELETE}, recursive for folders.
     *
     * @param condition {@link WriteCondition#ifMatch} to delete only the version read
     * @return true when deleted, false when nothing was there (404), so a retry is harmless
     * @throws PreconditionFailedException when the condition does not hold
     */
    boolean delete(FilePath path, WriteCondition condition);

    /**
     * {@code PROPPATCH} in {@link #NAMESPACE}: sets {@code set} (any text, CJK included) and
     * removes {@code remove}, all or nothing.
     *
     * @throws NotFoundException when nothing is at {@code path}
     * @throws org.agencyworkspace.connector.PermanentConnectorException naming each property the
     *     server refused
     * @throws IllegalArgumentException for a name that is not an XML local name, or a name in
     *     both maps
     */
    void updateProperties(FilePath path, Map<String, String> set, Set<String> remove);
}

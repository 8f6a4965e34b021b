package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file or folder as a {@code PROPFIND} reported it.
 *
 * @param path where it is, below the account's files root
 * @param fileId Nextcloud's {@code oc:fileid}, the key for system tags; empty on servers without
 *     one (Apache {@code mod_dav})
 * @param etag {@code getetag}; empty when the server sent none (some servers omit it for folders)
 * @param size {@code getcontentlength} for files; for folders Nextcloud's {@code oc:size} (the
 *     size of everything below) when sent, else 0
 * @param contentType {@code getcontenttype}; empty for folders and when not sent
 * @param lastModified {@code getlastmodified}; null when not sent
 * @param collection whether it is a folder ({@code resourcetype} {@code collection})
 * @param properties the properties asked for in {@link NextcloudFiles#NAMESPACE} that it has,
 *     by local name; a property it does not have is absent, one set to the empty text is there
 */
public record DavEntry(FilePath path, OptionalLong fileId, Optional<ETag> etag, long size,
        String contentType, Instant lastModified, boolean collection,
        Map<String, String> properties) {

    public DavEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(etag, "etag");
        contentType = contentType == null ? "" : contentType;
        properties = Map.copyOf(properties);
    }

    /** The value of our property {@code name}, if this entry has it. */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }
}

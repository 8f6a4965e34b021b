package org.agencyworkspace.files.store;

import org.agencyworkspace.connector.FilePath;
import java.time.Instant;
import java.util.Objects;

/**
 * A file or folder as the store has it.
 *
 * @param path where it is
 * @param fileId the store's stable id (Nextcloud's {@code oc:fileid}); labels are kept by it, so
 *     a file keeps its label when someone moves it in Nextcloud
 * @param etag the version, for conditional writes
 * @param size bytes; 0 for a folder
 * @param contentType the media type; null for a folder
 * @param lastModified when it last changed
 * @param folder whether it is a folder
 */
public record StoredFile(FilePath path, String fileId, String etag, long size, String contentType,
        Instant lastModified, boolean folder) {

    public StoredFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileId, "fileId");
    }
}

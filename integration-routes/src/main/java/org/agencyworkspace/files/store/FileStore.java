package org.agencyworkspace.files.store;

import org.agencyworkspace.connector.FilePath;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where the agency's files are kept: Nextcloud in production, a local folder on the embedded
 * default. Paths are checked {@link FilePath}s. Implementations stream: nothing here holds a
 * whole file in memory.
 */
public interface FileStore {

    /** Where deleted items wait to be restored or purged. */
    FilePath TRASH = FilePath.of("/.trash");

    /** Whether {@code path} is the trash or inside it. */
    static boolean inTrash(FilePath path) {
        return !path.segments().isEmpty() && path.segments().get(0).equals(TRASH.name());
    }

    /** {@code nextcloud} or {@code local}, for logs and the audit trail. */
    String name();

    /** Whatever is at {@code path}, the trash included: for the trash's own list and restore. */
    Optional<StoredFile> stat(FilePath path);

    /**
     * The item at a path a person or a route named: anything in the trash is missing here, so
     * nothing but the trash's own list and restore reaches it.
     */
    default Optional<StoredFile> find(FilePath path) {
        return inTrash(path) ? Optional.empty() : stat(path);
    }

    /**
     * Whether an item keeps its {@link StoredFile#fileId()} when moved and a new item at a path
     * gets a new one (Nextcloud), rather than ids derived from paths (the local folder).
     */
    default boolean stableIds() {
        return false;
    }

    /** The folder's direct children; empty for an empty or missing folder. */
    List<StoredFile> list(FilePath folder);

    /**
     * The file's content; the caller closes it.
     *
     * @throws java.io.FileNotFoundException wrapped as {@link java.io.UncheckedIOException} when
     *     there is no such file
     */
    InputStream open(FilePath path);

    /**
     * Stores {@code content} at {@code path}, creating missing folders. Nobody sees a half-written
     * file.
     *
     * @param expectedEtag the version being replaced, or null to write whatever is there
     * @throws VersionConflictException when the file is no longer at {@code expectedEtag}
     */
    StoredFile write(FilePath path, InputStream content, String expectedEtag);

    /**
     * {@link #write(FilePath, InputStream, String)} for content the caller knows to be
     * {@code length} bytes (and holds to it): a store that can sends it announced, rather than
     * of unknown length, and may skip creating folders when replacing a known version.
     */
    default StoredFile write(FilePath path, InputStream content, long length, String expectedEtag) {
        return write(path, content, expectedEtag);
    }

    void createFolders(FilePath folder);

    /**
     * Renames or moves a file within the file area; never replaces an existing file.
     *
     * @return the file at its new place
     * @throws VersionConflictException when something is already at {@code to}
     */
    StoredFile move(FilePath from, FilePath to);

    /** The file's shares, by everyone; empty where the store has no sharing. */
    List<FileShare> shares(FilePath path);

    /** Removes a share; idempotent. */
    void revokeShare(FileShare share);

    /**
     * Makes a share of the file, owned by the workspace's account in the store.
     *
     * @throws SharingUnavailableException where the store has no sharing
     * @throws IllegalArgumentException when the store refuses it (unknown user, bad address)
     */
    FileShare createShare(FilePath path, ShareRequest request);

    /**
     * Changes a share's last day and password; a null leaves that part as it is.
     *
     * @throws SharingUnavailableException where the store has no sharing
     */
    FileShare changeShare(FileShare share, LocalDate expires, String password);

    /**
     * Shows the label in the store's own terms (a WebDAV property and a system tag in Nextcloud),
     * so the store's rules and people browsing it can see it. The workspace's own record is the
     * one policy decisions use.
     */
    void showLabel(StoredFile file, String levelCode, String labelJson);
}

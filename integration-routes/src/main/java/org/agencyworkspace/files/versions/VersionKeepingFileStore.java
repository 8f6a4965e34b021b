package org.agencyworkspace.files.versions;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;

/**
 * The file store, keeping the bytes each overwrite replaces as a version ({@link
 * FileVersionRecords}): every way a file is overwritten (an upload of the same name, an editor's
 * save, a restored version) goes through {@link #write}, so none is missed. A move takes the
 * versions along. Each version keeps the label the file had when it was replaced, so it is
 * never judged by a later, lower one. Everything else is the store's own.
 */
public class VersionKeepingFileStore implements FileStore {

    /** Who writes when no person is signed in on the thread (an editor's save, a route). */
    static final String SYSTEM = "system";

    private static final ThreadLocal<String> WRITER = new ThreadLocal<>();

    private final FileStore store;
    private final FileVersionRecords versions;
    private final Function<StoredFile, Label> labelOf;
    private final Function<Label, String> levelOf;

    /**
     * @param labelOf a file's effective label now (null when unmarked)
     * @param levelOf a label's level code (the unmarked level's for null)
     */
    public VersionKeepingFileStore(FileStore store, FileVersionRecords versions,
            Function<StoredFile, Label> labelOf, Function<Label, String> levelOf) {
        this.store = store;
        this.versions = versions;
        this.labelOf = labelOf;
        this.levelOf = levelOf;
    }

    /**
     * Runs {@code write} on behalf of {@code login}, for a save made for someone not signed in on
     * this thread (an editor's callback), so the version it keeps names them.
     */
    public static <T> T writingAs(String login, Supplier<T> write) {
        String before = WRITER.get();
        WRITER.set(login);
        try {
            return write.get();
        } finally {
            if (before == null) {
                WRITER.remove();
            } else {
                WRITER.set(before);
            }
        }
    }

    private static String writer() {
        String named = WRITER.get();
        return named != null ? named : CurrentUser.get().map(WorkspaceUser::login).orElse(SYSTEM);
    }

    @Override
    public StoredFile write(FilePath path, InputStream content, String expectedEtag) {
        return keepingVersion(path, () -> store.write(path, content, expectedEtag));
    }

    @Override
    public StoredFile write(FilePath path, InputStream content, long length, String expectedEtag) {
        return keepingVersion(path, () -> store.write(path, content, length, expectedEtag));
    }

    /** Keeps what {@code path} holds as a version, then runs {@code write}; a failed write keeps none. */
    private StoredFile keepingVersion(FilePath path, Supplier<StoredFile> write) {
        String writer = writer();
        Optional<StoredFile> current = store.stat(path).filter(file -> !file.folder());
        FileVersionRecords.Version kept = null;
        if (current.isPresent()) {
            Label label = labelOf.apply(current.get());
            try (InputStream previous = store.open(path)) {
                kept = versions.keep(current.get(), previous, writer, levelOf.apply(label), label);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot keep the version " + path + " replaces", e);
            }
        }
        StoredFile written;
        try {
            written = write.get();
        } catch (RuntimeException e) {
            if (kept != null) {
                versions.forget(kept.id());
            }
            throw e;
        }
        versions.saved(path, writer);
        return written;
    }

    @Override
    public StoredFile move(FilePath from, FilePath to) {
        StoredFile moved = store.move(from, to);
        versions.moved(from, to);
        return moved;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public boolean stableIds() {
        return store.stableIds();
    }

    @Override
    public Optional<StoredFile> stat(FilePath path) {
        return store.stat(path);
    }

    @Override
    public List<StoredFile> list(FilePath folder) {
        return store.list(folder);
    }

    @Override
    public InputStream open(FilePath path) {
        return store.open(path);
    }

    @Override
    public void createFolders(FilePath folder) {
        store.createFolders(folder);
    }

    @Override
    public List<FileShare> shares(FilePath path) {
        return store.shares(path);
    }

    @Override
    public void revokeShare(FileShare share) {
        store.revokeShare(share);
    }

    @Override
    public FileShare createShare(FilePath path, ShareRequest request) {
        return store.createShare(path, request);
    }

    @Override
    public FileShare changeShare(FileShare share, LocalDate expires, String password) {
        return store.changeShare(share, expires, password);
    }

    @Override
    public void showLabel(StoredFile file, String levelCode, String labelJson) {
        store.showLabel(file, levelCode, labelJson);
    }
}

package org.agencyworkspace.files.manage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.editing.CopyLabels;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.web.FileBrowser;
import org.agencyworkspace.security.WorkspaceUser;

/**
 * The file operations over a given store (the local folder in unit tests, the real WebDAV server
 * in ITs), with the file services of {@link FilesFixture} and three people: Amy (cleared for 密),
 * Bob (unmarked only) and an administrator.
 */
public final class FileOperationsFixture {

    public static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy", List.of("staff"),
            List.of("it"), "secret");
    public static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob", List.of("staff"),
            List.of("it"), "unmarked");
    public static final WorkspaceUser ROOT = new WorkspaceUser("root", "Root", List.of("admin"),
            List.of("it"), "secret");

    public final FileStore store;
    public final FilesFixture files;
    public final FileWriteAccess writeAccess;
    public final Placements placements;
    public final FileUploads uploads;
    public final FileOperations operations;
    public final FileBrowser browser;

    public FileOperationsFixture(FileStore store) {
        this(store, new FilesFixture(store), true);
    }

    /** Over {@code store}, with the file services (and database) of {@code files}. */
    public FileOperationsFixture(FileStore store, FilesFixture files) {
        this(store, files, true);
    }

    /** Over a store with or without a sharing API (the local stack's WebDAV server has none). */
    public FileOperationsFixture(FileStore store, FilesFixture files, boolean storeShares) {
        this.store = store;
        this.files = files;
        writeAccess = new FileWriteAccess(files.database.jdbc(), store, DIRECTORY, files.audit, files.clock);
        placements = files.placements(DIRECTORY, storeShares);
        uploads = new FileUploads(store, files.labels, files.scheme, files.policy, files.audit,
                writeAccess, placements);
        operations = new FileOperations(store, files.labels, new CopyLabels(files.labels, files.scheme),
                files.scheme, files.policy, writeAccess, placements, files.audit, files.domainEvents,
                files.database.jdbc(), files.clock);
        browser = new FileBrowser(store, files.labels, files.scheme, files.policy, files.audit);
    }

    /** Nobody the directory knows: shares with colleagues cannot be checked, links can. */
    private static final StaffDirectory DIRECTORY = new StaffDirectory() {
        @Override
        public Optional<StaffMember> find(String login) {
            return Optional.empty();
        }

        @Override
        public List<String> membersOf(String group) {
            return List.of();
        }

        @Override
        public boolean groupExists(String group) {
            return false;
        }
    };

    /** Stores a file as {@code user}, with the label of {@code level} (null for the folder's). */
    public StoredFile upload(FilePath path, String level, WorkspaceUser user) {
        LabelRequest label = level == null ? null
                : new LabelRequest(level, "人事資料", null, null, "公布後解密", false, null, null);
        return uploads.store(path, new ByteArrayInputStream(("content of " + path.name())
                .getBytes(StandardCharsets.UTF_8)), label, user);
    }

    /** The level in force on the item at {@code path}. */
    public String levelAt(FilePath path) {
        return files.scheme.levelOf(files.labels.effective(store.stat(path).orElseThrow()).label());
    }
}

package org.agencyworkspace.files.shares;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileShare;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.ShareRequest;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.security.WorkspaceUser;

/**
 * Files whose shares are kept in memory, as a store reports them, and a small staff: amy (密,
 * it), bob (unmarked, it), cat (密, personnel).
 */
final class SharingFixture {

    static final WorkspaceUser AMY = new WorkspaceUser("amy", "Amy", List.of("staff"),
            List.of("it"), "secret");
    static final WorkspaceUser BOB = new WorkspaceUser("bob", "Bob", List.of("staff"),
            List.of("it"), "unmarked");

    final SharingStore store;
    final FilesFixture files;
    final Map<String, StaffDirectory.StaffMember> staff = Map.of(
            "amy", member("amy", "secret", "it"),
            "bob", member("bob", "unmarked", "it"),
            "cat", member("cat", "secret", "personnel"));
    final SharePolicy policy;
    /** Groups whose membership the directory fails to read, as a directory outage would. */
    final Set<String> failingGroups = ConcurrentHashMap.newKeySet();

    SharingFixture(Path folder) {
        store = new SharingStore(folder);
        files = new FilesFixture(store);
        policy = new SharePolicy(files.policy, directory());
    }

    StoredFile file(String path) {
        return store.write(FilePath.of(path), new ByteArrayInputStream(new byte[] {1, 2}), null);
    }

    StoredFile folder(String path) {
        store.createFolders(FilePath.of(path));
        return store.stat(FilePath.of(path)).orElseThrow();
    }

    static LabelRequest secretLabel() {
        return new LabelRequest("secret", "personnel", null, null, "公布後解密", false, null, null);
    }

    private StaffDirectory directory() {
        return new StaffDirectory() {
            @Override
            public Optional<StaffMember> find(String login) {
                return Optional.ofNullable(staff.get(login));
            }

            @Override
            public List<String> membersOf(String group) {
                if (failingGroups.contains(group)) {
                    throw new IllegalStateException("directory unavailable");
                }
                return staff.values().stream().filter(member -> member.departments().contains(group))
                        .map(StaffMember::login).sorted().toList();
            }

            @Override
            public boolean groupExists(String group) {
                return !membersOf(group).isEmpty();
            }
        };
    }

    private static StaffDirectory.StaffMember member(String login, String clearance, String department) {
        return new StaffDirectory.StaffMember(login, login, login, Optional.empty(), true, clearance,
                List.of(department));
    }

    /** A local folder whose files can carry shares, as Nextcloud reports them. */
    static final class SharingStore extends LocalFileStore {

        private final Map<FilePath, List<FileShare>> shares = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger(100);
        /** Each label the store was told to show, as {@code path level}. */
        final List<String> shownLabels = new java.util.concurrent.CopyOnWriteArrayList<>();

        SharingStore(Path root) {
            super(root);
        }

        /** Makes showing a label fail as a store that is down would. */
        volatile boolean refuseShowingLabels;

        @Override
        public void showLabel(StoredFile file, String levelCode, String labelJson) {
            if (refuseShowingLabels) {
                throw new IllegalStateException("the store refuses the label property");
            }
            shownLabels.add(file.path() + " " + levelCode);
        }

        void share(StoredFile file, FileShare share) {
            shares.computeIfAbsent(file.path(), path -> new ArrayList<>()).add(share);
        }

        List<FileShare> sharesOf(FilePath path) {
            return List.copyOf(shares.getOrDefault(path, List.of()));
        }

        @Override
        public List<FileShare> shares(FilePath path) {
            return sharesOf(path);
        }

        @Override
        public void revokeShare(FileShare share) {
            shares.values().forEach(list -> list.removeIf(candidate -> candidate.id().equals(share.id())));
        }

        @Override
        public FileShare createShare(FilePath path, ShareRequest request) {
            FileShare made = new FileShare(Integer.toString(ids.incrementAndGet()), request.type(),
                    request.sharedWith(), "workspace", request.expires());
            shares.computeIfAbsent(path, key -> new ArrayList<>()).add(made);
            return made;
        }

        @Override
        public FileShare changeShare(FileShare share, LocalDate expires, String password) {
            FileShare changed = new FileShare(share.id(), share.type(), share.sharedWith(),
                    share.owner(), expires == null ? share.expires() : expires);
            shares.values().forEach(list -> list.replaceAll(candidate ->
                    candidate.id().equals(share.id()) ? changed : candidate));
            return changed;
        }
    }
}

package org.agencyworkspace.files.access;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.labels.LabelAccessDeniedException;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may overwrite a file, apart from whether they may read it (which the access policy decides
 * and every writer checks first): its owner (whoever first stored it through the workspace),
 * someone holding a write grant on a folder above it, in person or through a group (department),
 * or an administrator. A file with no recorded owner needs a grant or an administrator. Grants
 * are given and taken back by administrators, audited. Any code that overwrites a file (uploads,
 * editors) asks {@link #refusal} first.
 */
@Service
public class FileWriteAccess {

    /** The role whose holders may write whatever they may read and manage grants. */
    public static final String ADMINISTRATORS = "admin";

    /** Who a grant is for. */
    public enum GranteeKind {
        /** A person, by login. */
        PERSON,
        /** A group: a department code. */
        GROUP
    }

    /**
     * A folder write grant.
     *
     * @param folder the folder's path when granted
     * @param kind person or group
     * @param grantee the login or department code
     * @param grantedBy the administrator who gave it
     * @param grantedAt when
     */
    public record Grant(String folder, GranteeKind kind, String grantee, String grantedBy,
            Instant grantedAt) {
    }

    private final JdbcClient jdbc;
    private final FileStore store;
    private final StaffDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    public FileWriteAccess(JdbcClient jdbc, FileStore store, StaffDirectory directory,
            AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records {@code owner} as the owner of a file they just created. */
    public void recordOwner(StoredFile file, WorkspaceUser owner) {
        recordOwner(file, owner.login());
    }

    private void recordOwner(StoredFile file, String owner) {
        jdbc.sql("""
                INSERT INTO file_owner (file_id, path, owner, created_at)
                VALUES (:id, :path, :owner, :now)
                """)
                .param("id", file.fileId()).param("path", file.path().toString())
                .param("owner", owner).param("now", now()).update();
    }

    /**
     * Gives a file that moved to a new id (a rename on a store that derives ids from paths) the
     * owner of the file it was.
     */
    public void carryOwner(StoredFile from, StoredFile to) {
        Optional<String> owner = ownerOf(from);
        if (owner.isPresent() && !from.fileId().equals(to.fileId()) && ownerOf(to).isEmpty()) {
            recordOwner(to, owner.get());
        }
    }

    /**
     * Moves the owner of a file that moved to a new id: a new file stored at the old path is
     * then its creator's, not the moved file's owner's.
     */
    public void moveOwner(StoredFile from, StoredFile to) {
        if (!from.fileId().equals(to.fileId())) {
            carryOwner(from, to);
            jdbc.sql("DELETE FROM file_owner WHERE file_id = :id").param("id", from.fileId()).update();
        }
    }

    /** The recorded owner of a file, if any. */
    public Optional<String> ownerOf(StoredFile file) {
        return jdbc.sql("SELECT owner FROM file_owner WHERE file_id = :id")
                .param("id", file.fileId()).query(String.class).optional();
    }

    /**
     * Why {@code user} may not overwrite {@code file}; empty when they may. Reading is checked
     * separately.
     */
    public Optional<String> refusal(StoredFile file, WorkspaceUser user) {
        if (user.hasRole(ADMINISTRATORS)) {
            return Optional.empty();
        }
        Optional<String> owner = ownerOf(file);
        if (owner.isPresent() && owner.get().equals(user.login())) {
            return Optional.empty();
        }
        for (FilePath folder = file.path().parent().orElse(null); folder != null;
                folder = folder.parent().orElse(null)) {
            Optional<StoredFile> stored = store.stat(folder);
            if (stored.isPresent() && granted(stored.get().fileId(), user)) {
                return Optional.empty();
            }
        }
        return Optional.of("only its owner" + owner.map(login -> " (" + login + ")").orElse("")
                + ", someone with a write grant on a folder above it, or an administrator may"
                + " overwrite it");
    }

    /** The write grants on {@code folder} itself, for administrators. */
    public List<Grant> grants(FilePath folder, WorkspaceUser user) {
        StoredFile stored = folderOf(folder, user, "file.write-grant.list");
        return jdbc.sql("""
                SELECT path, grantee_kind, grantee, granted_by, granted_at FROM file_write_grant
                WHERE folder_id = :id ORDER BY grantee_kind, grantee
                """)
                .param("id", stored.fileId())
                .query((row, index) -> new Grant(row.getString("path"),
                        GranteeKind.valueOf(row.getString("grantee_kind")), row.getString("grantee"),
                        row.getString("granted_by"),
                        row.getObject("granted_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Lets a person or group overwrite every file below {@code folder}; idempotent.
     *
     * @throws LabelAccessDeniedException when {@code user} is no administrator (audited)
     * @throws IllegalArgumentException for a missing folder, or a person or group the staff
     *     directory does not know (audited)
     */
    @Transactional
    public Grant grant(FilePath folder, GranteeKind kind, String grantee, WorkspaceUser user) {
        String action = "file.write-grant.added";
        StoredFile stored = folderOf(folder, user, action);
        boolean known = kind == GranteeKind.PERSON ? directory.find(grantee).isPresent()
                : directory.groupExists(grantee);
        if (!known) {
            throw refused(action, user, folder, kind, grantee, new IllegalArgumentException(
                    (kind == GranteeKind.PERSON ? "nobody called " : "no group ") + grantee
                            + " is known to the staff directory"));
        }
        jdbc.sql("DELETE FROM file_write_grant WHERE folder_id = :id AND grantee_kind = :kind"
                        + " AND grantee = :grantee")
                .param("id", stored.fileId()).param("kind", kind.name()).param("grantee", grantee)
                .update();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO file_write_grant (folder_id, path, grantee_kind, grantee, granted_by,
                    granted_at)
                VALUES (:id, :path, :kind, :grantee, :by, :now)
                """)
                .param("id", stored.fileId()).param("path", folder.toString())
                .param("kind", kind.name()).param("grantee", grantee).param("by", user.login())
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        recorded(action, user, folder, kind, grantee, null);
        return new Grant(folder.toString(), kind, grantee, user.login(), now);
    }

    /**
     * Takes a grant back; idempotent.
     *
     * @throws LabelAccessDeniedException when {@code user} is no administrator (audited)
     */
    @Transactional
    public void revoke(FilePath folder, GranteeKind kind, String grantee, WorkspaceUser user) {
        String action = "file.write-grant.removed";
        StoredFile stored = folderOf(folder, user, action);
        jdbc.sql("DELETE FROM file_write_grant WHERE folder_id = :id AND grantee_kind = :kind"
                        + " AND grantee = :grantee")
                .param("id", stored.fileId()).param("kind", kind.name()).param("grantee", grantee)
                .update();
        recorded(action, user, folder, kind, grantee, null);
    }

    private boolean granted(String folderId, WorkspaceUser user) {
        return jdbc.sql("""
                SELECT grantee_kind, grantee FROM file_write_grant WHERE folder_id = :id
                """)
                .param("id", folderId)
                .query((row, index) -> Map.entry(row.getString("grantee_kind"), row.getString("grantee")))
                .list().stream()
                .anyMatch(grant -> grant.getKey().equals(GranteeKind.PERSON.name())
                        ? grant.getValue().equals(user.login()) : user.departments().contains(grant.getValue()));
    }

    /** The folder an administrator manages grants of; refusals are audited. */
    private StoredFile folderOf(FilePath folder, WorkspaceUser user, String action) {
        if (!user.hasRole(ADMINISTRATORS)) {
            throw refused(action, user, folder, null, null, new LabelAccessDeniedException(
                    "only administrators manage write grants"));
        }
        return store.stat(folder).filter(StoredFile::folder).orElseThrow(() -> refused(action, user,
                folder, null, null, new IllegalArgumentException("no folder " + folder)));
    }

    private <E extends RuntimeException> E refused(String action, WorkspaceUser user,
            FilePath folder, GranteeKind kind, String grantee, E refusal) {
        recorded(action, user, folder, kind, grantee, refusal.getMessage());
        return refusal;
    }

    private void recorded(String action, WorkspaceUser user, FilePath folder, GranteeKind kind,
            String grantee, String failure) {
        AuditEvent.Builder event = AuditEvent.of(action, "file")
                .actor(user.login(), user.displayName())
                .target("folder", folder.toString());
        if (kind != null) {
            event.details(Map.of("kind", kind.name(), "grantee", grantee));
        }
        if (failure != null) {
            event.failure(failure);
        }
        audit.record(event.build());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

package org.agencyworkspace.files.manage;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.files.access.FileWriteAccess;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.classification.Label;
import org.agencyworkspace.files.editing.CopyLabels;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.store.VersionConflictException;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Organising files, for the page and the API alike: new folder, rename, move, copy, delete into
 * the trash and restore. Every action needs the person to be able to read everything it touches
 * (a folder is judged by every label inside it), and renaming, moving or deleting needs write
 * permission ({@link FileWriteAccess}) on the item. A label always goes with the content: on a
 * store that derives ids from paths (plain WebDAV, the local folder) each moved item takes its own
 * label along, and the item moved takes its effective label (its folder's, if it had none) unless
 * where it lands is already stricter, so a move or copy never lowers a label. Each action and each
 * refusal is audited, each success published as a {@code file.*} event.
 *
 * <p>The trash is a folder of the store, {@code /.trash}, that listings and searches hide; each
 * deleted item sits in {@code /.trash/<id>/} and is recorded with where it was and who deleted
 * it. A person sees and restores what they deleted; administrators see everyone's.
 */
@Service
public class FileOperations {

    /** Where deleted items wait to be restored. */
    public static final FilePath TRASH = FileStore.TRASH;

    /**
     * An item in the trash.
     *
     * @param id the trash entry's id
     * @param originalPath where it was, and goes back to
     * @param name its name
     * @param folder whether it is a folder
     * @param level the strictest level key at or below it when deleted
     * @param deletedBy who deleted it
     * @param deletedAt when
     */
    public record Trashed(String id, String originalPath, String name, boolean folder, String level,
            String deletedBy, Instant deletedAt) {
    }

    /** An item inside what an action touches, with its effective label. */
    private record Item(StoredFile file, FileLabels.Effective label) {
    }

    private final FileStore store;
    private final FileLabels labels;
    private final CopyLabels copyLabels;
    private final ClassificationScheme scheme;
    private final AccessPolicy policy;
    private final FileWriteAccess writeAccess;
    private final Placements placements;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    public FileOperations(FileStore store, FileLabels labels, CopyLabels copyLabels,
            ClassificationScheme scheme, AccessPolicy policy, FileWriteAccess writeAccess,
            Placements placements, AuditTrail audit, EventPublisher events, JdbcClient jdbc,
            Clock clock) {
        this.store = store;
        this.labels = labels;
        this.copyLabels = copyLabels;
        this.scheme = scheme;
        this.policy = policy;
        this.writeAccess = writeAccess;
        this.placements = placements;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether {@code path} is the trash or inside it (hidden from listings and searches). */
    public static boolean inTrash(FilePath path) {
        return FileStore.inTrash(path);
    }

    /** Makes a folder named {@code name} in {@code parent}; it takes the parent's label. */
    public StoredFile createFolder(FilePath parent, String name, WorkspaceUser user) {
        String action = "file.folder.create";
        FilePath target = named(parent, name, action, user);
        Item into = folderToWriteInto(parent, action, user, target);
        placements.requireFree(action, user, target);
        store.createFolders(target);
        StoredFile made = store.stat(target).orElseThrow();
        writeAccess.recordOwner(made, user);
        String level = scheme.levelOf(into.label().label());
        recorded(action, user, target, level, Map.of());
        events.publish(new FileEvents.FolderCreated(target.toString(), level, user.login()),
                user.login());
        return made;
    }

    /** Renames a file or folder where it is. */
    public StoredFile rename(FilePath path, String newName, WorkspaceUser user) {
        FilePath parent = path.parent().orElse(FilePath.root());
        return relocate(path, named(parent, newName, "file.rename", user), "file.rename", user);
    }

    /** Moves a file or folder into {@code folder}, keeping its name. */
    public StoredFile move(FilePath path, FilePath folder, WorkspaceUser user) {
        if (path.isRoot()) {
            throw refused("file.move", user, path, null, Kind.BAD_REQUEST, "the top folder stays");
        }
        return relocate(path, into(folder, path, "file.move", user), "file.move", user);
    }

    /** Where {@code path} goes in {@code folder}: refused when that path would be too long. */
    private FilePath into(FilePath folder, FilePath path, String action, WorkspaceUser user) {
        try {
            return folder.resolve(path.name());
        } catch (IllegalArgumentException e) {
            throw refused(action, user, path, null, Kind.BAD_REQUEST, "in " + folder + ": " + e.getMessage());
        }
    }

    /**
     * Copies a file into {@code folder}; the copy is the person's, and carries at least the
     * source's label. Folders are copied file by file by the person, not at once.
     */
    public StoredFile copy(FilePath path, FilePath folder, WorkspaceUser user) {
        String action = "file.copy";
        StoredFile source = existing(path, action, user);
        FileLabels.Effective label = labels.effective(source);
        requireVisible(action, user, source, label);
        if (source.folder()) {
            throw refused(action, user, path, label, Kind.BAD_REQUEST,
                    "copy the files of a folder one by one");
        }
        AccessDecision copy = policy.decide(user, label.label(), FileAction.COPY);
        if (!copy.allowed()) {
            throw refused(action, user, path, label, Kind.FORBIDDEN, copy.reason());
        }
        FilePath target = into(folder, path, action, user);
        folderToWriteInto(folder, action, user, path);
        placements.requireFree(action, user, target);
        placements.requireNotExposed(action, user, target, labelsOf(List.of(new Item(source, label))));
        StoredFile copied;
        try (InputStream content = store.open(path)) {
            copied = store.write(target, content, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy " + path, e);
        }
        try {
            copyLabels.carry(label, copied, user);
            writeAccess.recordOwner(copied, user);
        } catch (RuntimeException e) {
            // A copy its label did not reach must not stay readable: into the trash it goes.
            FilePath aside = TRASH.resolve(UUID.randomUUID().toString());
            store.createFolders(aside);
            store.move(target, aside.resolve(target.name()));
            throw e;
        }
        String level = scheme.levelOf(labels.effective(copied).label());
        recorded(action, user, path, level, Map.of("to", target.toString()));
        events.publish(new FileEvents.Copied(path.toString(), target.toString(), level,
                user.login()), user.login());
        return copied;
    }

    /**
     * Moves a file or folder into the trash. Anything labelled at or below it needs a reason,
     * which the audit trail keeps.
     */
    public Trashed delete(FilePath path, String reason, WorkspaceUser user) {
        String action = "file.delete";
        List<Item> items = writable(path, action, user);
        Item top = items.get(0);
        String level = strictest(items);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (scheme.rank(level) > 0 && why == null) {
            throw refused(action, user, path, top.label(), Kind.INVALID,
                    "a labelled item (" + level + ") needs a reason to be deleted");
        }
        if (why != null && why.length() > 500) {
            throw refused(action, user, path, top.label(), Kind.INVALID,
                    "a reason has at most 500 characters");
        }
        String id = UUID.randomUUID().toString();
        FilePath trashed = TRASH.resolve(id).resolve(path.name());
        move(items, trashed, user);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO file_trash (id, original_path, trash_path, folder, level, reason,
                    deleted_by, deleted_at)
                VALUES (:id, :original, :trash, :folder, :level, :reason, :by, :now)
                """)
                .param("id", id).param("original", path.toString()).param("trash", trashed.toString())
                .param("folder", top.file().folder()).param("level", level).param("reason", why)
                .param("by", user.login()).param("now", now.atOffset(ZoneOffset.UTC)).update();
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target(top.file().folder() ? "folder" : "file", path.toString(), level)
                .reason(why).details(Map.of("trash", id)).build());
        events.publish(new FileEvents.Deleted(path.toString(), top.file().folder(), level, id,
                user.login()), user.login());
        return new Trashed(id, path.toString(), path.name(), top.file().folder(), level,
                user.login(), now);
    }

    /**
     * What {@code user} may restore: what they deleted (everyone's, for an administrator), and
     * of that only what they may read now.
     */
    public List<Trashed> trash(WorkspaceUser user) {
        boolean all = user.hasRole(FileWriteAccess.ADMINISTRATORS);
        return jdbc.sql("SELECT * FROM file_trash WHERE restored_at IS NULL"
                        + (all ? "" : " AND deleted_by = :login") + " ORDER BY deleted_at DESC")
                .params(all ? Map.of() : Map.of("login", user.login()))
                .query((row, index) -> Map.entry(row.getString("trash_path"), new Trashed(
                        row.getString("id"), row.getString("original_path"),
                        FilePath.of(row.getString("original_path")).name(), row.getBoolean("folder"),
                        row.getString("level"), row.getString("deleted_by"),
                        row.getObject("deleted_at", OffsetDateTime.class).toInstant())))
                .list().stream()
                .filter(entry -> store.stat(FilePath.of(entry.getKey()))
                        .map(file -> policy.decide(user, labels.effective(file).label(),
                                FileAction.READ).allowed())
                        .orElse(false))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Puts a trashed item back where it was; refused when something else is there now. */
    public StoredFile restore(String trashId, WorkspaceUser user) {
        String action = "file.restore";
        Map<String, Object> row = jdbc.sql("SELECT * FROM file_trash WHERE id = :id AND restored_at IS NULL")
                .param("id", trashId == null ? "" : trashId).query().listOfRows().stream()
                .findFirst().orElse(null);
        if (row == null || !(user.login().equals(row.get("deleted_by"))
                || user.hasRole(FileWriteAccess.ADMINISTRATORS))) {
            audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                    .target("file", "trash:" + trashId).failure("no such item in the person's trash")
                    .build());
            throw new FileRefusedException(Kind.NOT_FOUND, "there is no item " + trashId
                    + " in your trash");
        }
        FilePath original = FilePath.of((String) row.get("original_path"));
        FilePath trashed = FilePath.of((String) row.get("trash_path"));
        List<Item> items = tree(trashed, action, user);
        Item top = items.get(0);
        requireVisible(action, user, items);
        folderToWriteInto(original.parent().orElse(FilePath.root()), action, user, original);
        placements.requireFree(action, user, original);
        placements.requireNotExposed(action, user, original, labelsOf(items));
        int claimed = jdbc.sql("UPDATE file_trash SET restored_by = :by, restored_at = :now"
                        + " WHERE id = :id AND restored_at IS NULL")
                .param("by", user.login()).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", trashId).update();
        if (claimed == 0) {
            throw refused(action, user, original, top.label(), Kind.CONFLICT,
                    "it was restored meanwhile");
        }
        StoredFile restored;
        try {
            restored = move(items, original, user);
        } catch (RuntimeException e) {
            jdbc.sql("UPDATE file_trash SET restored_by = NULL, restored_at = NULL WHERE id = :id")
                    .param("id", trashId).update();
            throw e;
        }
        String level = scheme.levelOf(labels.effective(restored).label());
        recorded(action, user, original, level, Map.of("trash", trashId));
        events.publish(new FileEvents.Restored(original.toString(), restored.folder(), level,
                trashId, user.login()), user.login());
        return restored;
    }

    private StoredFile relocate(FilePath path, FilePath target, String action, WorkspaceUser user) {
        List<Item> items = writable(path, action, user);
        Item top = items.get(0);
        if (target.equals(path)) {
            throw refused(action, user, path, top.label(), Kind.BAD_REQUEST, "it is already there");
        }
        if (target.toString().startsWith(path + "/")) {
            throw refused(action, user, path, top.label(), Kind.BAD_REQUEST,
                    "a folder cannot go inside itself");
        }
        folderToWriteInto(target.parent().orElse(FilePath.root()), action, user, path);
        placements.requireFree(action, user, target);
        placements.requireNotExposed(action, user, target, labelsOf(items));
        StoredFile moved = move(items, target, user);
        String level = scheme.levelOf(labels.effective(moved).label());
        recorded(action, user, path, level, Map.of("to", target.toString()));
        events.publish(new FileEvents.Moved(path.toString(), target.toString(), moved.folder(),
                level, user.login()), user.login());
        return moved;
    }

    /**
     * Moves {@code items} (a file or folder first, then everything inside) to {@code target},
     * taking labels and owners along where the store gives moved items new ids.
     */
    private StoredFile move(List<Item> items, FilePath target, WorkspaceUser user) {
        Item top = items.get(0);
        String from = top.file().path().toString();
        // Every new path is checked before anything moves: a path the label records cannot hold
        // would otherwise fail after the move, leaving the item where its label does not follow.
        List<FilePath> newPaths = new ArrayList<>();
        try {
            for (Item item : items.subList(1, items.size())) {
                newPaths.add(FilePath.of(target + item.file().path().toString().substring(from.length())));
            }
        } catch (IllegalArgumentException e) {
            throw refused("file.move", user, top.file().path(), top.label(), Kind.BAD_REQUEST,
                    "inside " + target + ": " + e.getMessage());
        }
        StoredFile moved;
        try {
            moved = store.move(top.file().path(), target);
        } catch (VersionConflictException e) {
            throw refused("file.move", user, top.file().path(), top.label(), Kind.CONFLICT,
                    e.getMessage());
        }
        try {
            // Labels are written at the new place before the old records go.
            copyLabels.carry(top.label(), moved, user);
            if (!moved.fileId().equals(top.file().fileId())) {
                for (int i = 1; i < items.size(); i++) {
                    Item item = items.get(i);
                    store.stat(newPaths.get(i - 1)).ifPresent(file -> {
                        if (!item.label().inherited(item.file().path())) {
                            copyLabels.carry(item.label(), file, user);
                        }
                        labels.forgetMoved(item.file(), file);
                        writeAccess.moveOwner(item.file(), file);
                    });
                }
                labels.forgetMoved(top.file(), moved);
                writeAccess.moveOwner(top.file(), moved);
            }
        } catch (RuntimeException e) {
            // Back where its labels are, rather than somewhere they did not follow.
            store.move(target, top.file().path());
            throw e;
        }
        return moved;
    }

    /** The item and everything inside it, each readable by {@code user}, and the item writable. */
    private List<Item> writable(FilePath path, String action, WorkspaceUser user) {
        if (path.isRoot()) {
            throw refused(action, user, path, null, Kind.BAD_REQUEST, "the top folder stays");
        }
        List<Item> items = tree(path, action, user);
        requireVisible(action, user, items);
        // Every item, not only the top one: a folder of someone else's files is not moved or
        // deleted by whoever may change the folder; the whole action is refused before anything
        // moves.
        for (Item item : items) {
            Optional<String> refusal = writeAccess.refusal(item.file(), user);
            if (refusal.isPresent()) {
                String problem = item == items.get(0) ? refusal.get()
                        : "you may not change " + item.file().path() + " inside it: " + refusal.get();
                throw refused(action, user, path, items.get(0).label(), Kind.FORBIDDEN, problem);
            }
        }
        return items;
    }

    /** The labels in force at and below the items. */
    private static List<Label> labelsOf(List<Item> items) {
        return items.stream().map(item -> item.label().label())
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    private List<Item> tree(FilePath path, String action, WorkspaceUser user) {
        StoredFile file = existing(path, action, user);
        List<Item> items = new ArrayList<>();
        collect(file, labels.effective(file), items);
        return items;
    }

    private void collect(StoredFile file, FileLabels.Effective label, List<Item> into) {
        into.add(new Item(file, label));
        if (file.folder()) {
            for (StoredFile child : store.list(file.path())) {
                collect(child, labels.effectiveIn(child, label), into);
            }
        }
    }

    private StoredFile existing(FilePath path, String action, WorkspaceUser user) {
        if (inTrash(path) && !action.equals("file.restore")) {
            throw refused(action, user, path, null, Kind.NOT_FOUND, "there is no " + path);
        }
        return store.stat(path).orElseThrow(() -> refused(action, user, path, null, Kind.NOT_FOUND,
                "there is no " + path));
    }

    private void requireVisible(String action, WorkspaceUser user, List<Item> items) {
        requireVisible(action, user, items.get(0).file(), items.get(0).label());
        for (Item item : items.subList(1, items.size())) {
            try {
                requireVisible(action, user, item.file(), item.label());
            } catch (FileRefusedException e) {
                // Never the name of what is hidden inside (the audit record has it).
                throw new FileRefusedException(Kind.FORBIDDEN, "it holds something restricted for you");
            }
        }
    }

    /**
     * Refuses an item the person may not read: 404 where its level names who needs to know (or
     * it is the item asked for at such a level), else 403. The reason goes to the audit trail.
     */
    private void requireVisible(String action, WorkspaceUser user, StoredFile file,
            FileLabels.Effective label) {
        AccessDecision read = policy.decide(user, label.label(), FileAction.READ);
        if (read.allowed()) {
            return;
        }
        boolean hidden = label.label() == null || scheme.find(label.label().level())
                .map(ClassificationLevel::needToKnow).orElse(true);
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target(file.folder() ? "folder" : "file", file.path().toString(),
                        scheme.levelOf(label.label()))
                .failure(read.reason()).build());
        throw new FileRefusedException(hidden ? Kind.NOT_FOUND : Kind.FORBIDDEN, hidden
                ? "there is no " + file.path() : "it holds something restricted for you");
    }

    /** The folder something goes into: it must be a folder the person may read. */
    private Item folderToWriteInto(FilePath folder, String action, WorkspaceUser user,
            FilePath subject) {
        if (inTrash(folder)) {
            throw refused(action, user, subject, null, Kind.BAD_REQUEST,
                    "nothing goes into the trash but by deleting it");
        }
        StoredFile into = store.stat(folder).orElseThrow(() -> refused(action, user, subject, null,
                Kind.NOT_FOUND, "there is no folder " + folder));
        if (!into.folder()) {
            throw refused(action, user, subject, null, Kind.BAD_REQUEST, folder + " is a file");
        }
        FileLabels.Effective label = labels.effective(into);
        requireVisible(action, user, into, label);
        return new Item(into, label);
    }

    private FilePath named(FilePath parent, String name, String action, WorkspaceUser user) {
        String trimmed = name == null ? "" : name.strip();
        try {
            if (trimmed.isEmpty() || trimmed.contains("/") || trimmed.length() > 255
                    || trimmed.startsWith(".")) {
                throw new IllegalArgumentException("a name is 1 to 255 characters, without '/' and"
                        + " not starting with '.'");
            }
            return parent.resolve(trimmed);
        } catch (IllegalArgumentException e) {
            throw refused(action, user, parent, null, Kind.BAD_REQUEST, e.getMessage());
        }
    }

    private String strictest(List<Item> items) {
        return scheme.highest(items.stream().map(item -> scheme.levelOf(item.label().label()))
                .toList()).code();
    }

    private FileRefusedException refused(String action, WorkspaceUser user, FilePath path,
            FileLabels.Effective label, Kind kind, String problem) {
        Label known = label == null ? null : label.label();
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target("file", path.toString(), scheme.levelOf(known)).failure(problem).build());
        return new FileRefusedException(kind, problem);
    }

    private void recorded(String action, WorkspaceUser user, FilePath path, String level,
            Map<String, String> details) {
        Map<String, String> all = new HashMap<>(details);
        all.put("store", store.name());
        audit.record(AuditEvent.of(action, "file").actor(user.login(), user.displayName())
                .target("file", path.toString(), level).details(all).build());
    }
}

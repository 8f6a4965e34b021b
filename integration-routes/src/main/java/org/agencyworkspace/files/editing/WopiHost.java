package org.agencyworkspace.files.editing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.files.access.Placements;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.editing.EditingAccess.Caller;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.store.VersionConflictException;
import org.agencyworkspace.files.versions.VersionKeepingFileStore;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.stereotype.Service;

/**
 * The WOPI host's rules: what an editor may learn of a file, and when it may lock, save, save
 * as or rename it. The caller was authenticated and judged anew for this request
 * ({@link EditingAccess}); a save's body, of a length checked against the size limit, is read
 * only under the right lock and on top of the version the editor had, into the store's
 * all-or-nothing write, so nothing is ever half-written or silently overwritten. Every save is audited
 * here, every refusal ({@link WopiRefusal}) by the controller that answers it.
 */
@Service
public class WopiHost {

    /** ISO-8601 round trip in UTC with seven fraction digits, as WOPI's examples show. */
    static final DateTimeFormatter WOPI_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WATERMARK_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm");
    private static final int MAX_LOCK_LENGTH = 1024;
    private static final String COOL_CONFLICT = "{\"COOLStatusCode\":1010,\"LOOLStatusCode\":1010}";

    private final EditingAccess access;
    private final CopyLabels copyLabels;
    private final OfficeRecords records;
    private final FileStore store;
    private final Placements placements;
    private final WopiAccessTokens tokens;
    private final ClassificationScheme scheme;
    private final EditingProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final String publicBase;
    private final FileMutexes mutexes = new FileMutexes();

    public WopiHost(EditingAccess access, CopyLabels copyLabels, OfficeRecords records,
            FileStore store, Placements placements, WopiAccessTokens tokens,
            ClassificationScheme scheme, EditingProperties properties, WorkspaceProperties workspace,
            AuditTrail audit, Clock clock) {
        this.access = access;
        this.copyLabels = copyLabels;
        this.records = records;
        this.store = store;
        this.placements = placements;
        this.tokens = tokens;
        this.scheme = scheme;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.publicBase = workspace.publicBase();
    }

    /** A save's request: the lock it claims and what the editor says about it. */
    record Save(String lock, String loadedTimestamp, Map<String, String> flags) {
    }

    /** A Save As request: exactly one of suggested and relative, both UTF-7 as WOPI sends them. */
    record SaveAs(String suggested, String relative, boolean overwrite) {
    }

    /** The file's WOPISrc: the URL the editor calls for it. */
    public String wopiSrc(String fileId) {
        return publicBase + "/wopi/files/" + fileId;
    }

    /** CheckFileInfo: the file and what this session may do with it, in Collabora's and ONLYOFFICE's names. */
    Map<String, Object> fileInfo(Caller caller) {
        StoredFile file = caller.file();
        boolean write = caller.may(EditorPermission.EDIT);
        boolean print = caller.may(EditorPermission.PRINT);
        boolean export = caller.may(EditorPermission.EXPORT);
        boolean copy = caller.may(EditorPermission.COPY);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("BaseFileName", file.path().name());
        info.put("Size", file.size());
        info.put("Version", file.etag());
        info.put("LastModifiedTime", WOPI_TIME.format(file.lastModified()));
        info.put("OwnerId", "workspace");
        info.put("UserId", caller.user().login());
        info.put("UserFriendlyName", caller.user().displayName());
        info.put("IsAnonymousUser", false);
        info.put("UserCanWrite", write);
        info.put("ReadOnly", !write);
        info.put("UserCanNotWriteRelative", !(write && export));
        info.put("SupportsLocks", true);
        info.put("SupportsGetLock", true);
        info.put("SupportsUpdate", true);
        info.put("SupportsRename", true);
        info.put("UserCanRename", write);
        info.put("DisablePrint", !print);
        info.put("HidePrintOption", !print);
        info.put("DisableExport", !export);
        info.put("HideExportOption", !export);
        info.put("DisableCopy", !copy);
        if (!copy) {
            info.put("CopyPasteRestrictions", "BlockAll"); // ONLYOFFICE's name for it
        }
        if (caller.classified()) {
            info.put("WatermarkText", scheme.level(caller.level()).marking() + " "
                    + caller.user().displayName() + " (" + caller.user().login() + ") "
                    + WATERMARK_TIME.withZone(scheme.zone()).format(clock.instant()));
        }
        info.put("PostMessageOrigin", origin(URI.create(publicBase)));
        info.put("FileNameMaxLength", 255);
        return info;
    }

    /**
     * GetFile: the file to stream, audited as fetched.
     *
     * @param maxExpected the editor's X-WOPI-MaxExpectedSize, or null
     */
    StoredFile fetch(Caller caller, String maxExpected) {
        StoredFile file = caller.file();
        if (maxExpected != null && file.size() > parseLong(maxExpected, "X-WOPI-MaxExpectedSize")) {
            throw new WopiRefusal(412, "the file is larger than X-WOPI-MaxExpectedSize");
        }
        audit(caller, "office.fetch", Map.of("session", caller.session().id(),
                "editor", EditorKind.COLLABORA.code(), "fileId", caller.grant().fileId(),
                "version", file.etag()));
        return file;
    }

    /** The content of a file {@link #fetch} allowed. */
    InputStream open(StoredFile file) {
        return store.open(file.path());
    }

    /**
     * PutFile: writes {@code body} over the file, under its lock and on the version the editor
     * loaded; nothing of the body is read before those are checked.
     */
    StoredFile save(Caller caller, Save save, SaveBody body) {
        requireWrite(caller);
        String id = caller.grant().fileId();
        try (FileMutexes.Held held = mutexes.hold(id)) {
            StoredFile current = StoreVersions.settled(store, caller.file().path())
                    .orElseThrow(() -> new WopiRefusal(404, "the file is gone"));
            Optional<OfficeRecords.Lock> lock = records.lock(id);
            if (lock.isPresent() && !lock.get().lockId().equals(save.lock())) {
                throw lockConflict(lock.get().lockId(), "locked with another lock");
            }
            if (lock.isEmpty() && current.size() > 0) {
                throw lockConflict("", "the file is not locked");
            }
            if (save.loadedTimestamp() != null
                    && !save.loadedTimestamp().equals(WOPI_TIME.format(current.lastModified()))) {
                throw new WopiRefusal(409, "the file changed since the editor loaded it (was "
                        + save.loadedTimestamp() + ")", Map.of(), COOL_CONFLICT);
            }
            StoredFile saved = VersionKeepingFileStore.writingAs(caller.user().login(),
                    () -> write(current, body));
            Map<String, String> details = new HashMap<>(save.flags());
            details.put("fromVersion", current.etag());
            details.put("toVersion", saved.etag());
            details.put("size", Long.toString(saved.size()));
            audit(caller, "office.save", details);
            return saved;
        }
    }

    /** GetLock: the lock id held on the file, or empty. */
    String currentLock(String fileId) {
        return records.lock(fileId).map(OfficeRecords.Lock::lockId).orElse("");
    }

    /**
     * Lock, RefreshLock, Unlock and UnlockAndRelock ({@code operation} LOCK with an old lock).
     * Unlocking ends the editing session.
     */
    void lockOperation(Caller caller, String operation, String requestedLock, String oldLock) {
        String lock = checkLockId(requestedLock);
        String id = caller.grant().fileId();
        try (FileMutexes.Held mutex = mutexes.hold(id)) {
            Optional<String> held = records.lock(id).map(OfficeRecords.Lock::lockId);
            switch (operation) {
                case "LOCK" -> {
                    if (oldLock != null) { // UnlockAndRelock
                        requireHeld(held, oldLock);
                    } else if (held.isPresent() && !held.get().equals(lock)) {
                        throw lockConflict(held.get(), "locked with another lock");
                    }
                    requireWrite(caller);
                    records.putLock(id, lock, caller.user().login(), properties.lockExpiry());
                }
                case "REFRESH_LOCK" -> {
                    requireHeld(held, lock);
                    records.putLock(id, lock, caller.user().login(), properties.lockExpiry());
                }
                case "UNLOCK" -> {
                    requireHeld(held, lock);
                    records.removeLock(id);
                    if (records.closeSession(caller.session().id())) {
                        audit(caller, "office.close", Map.of("session", caller.session().id()));
                    }
                }
                default -> throw new IllegalArgumentException("not a lock operation: " + operation);
            }
        }
    }

    /**
     * Before a Save As reads its body: where it would go, refused (with the name the editor may
     * use instead) when that place is taken, locked, or may not be replaced by this caller.
     */
    SaveAsTarget saveAsTarget(Caller caller, SaveAs request) {
        if ((request.suggested() == null) == (request.relative() == null)) {
            throw new WopiRefusal(400, "exactly one of X-WOPI-SuggestedTarget and X-WOPI-RelativeTarget is needed");
        }
        if (!(caller.may(EditorPermission.EDIT) && caller.may(EditorPermission.EXPORT))) {
            throw new WopiRefusal(501, "Save As is not allowed for this file (UserCanNotWriteRelative)");
        }
        FilePath folder = caller.file().path().parent().orElse(FilePath.root());
        if (request.suggested() != null) {
            return new SaveAsTarget(freeName(folder, suggestedName(caller.file().path().name(),
                    decodeName(request.suggested()))), false);
        }
        FilePath target = folder.resolve(checkedName(decodeName(request.relative())));
        Optional<StoredFile> existing = store.stat(target);
        if (existing.isEmpty()) {
            return new SaveAsTarget(target, false);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("X-WOPI-ValidRelativeTarget", Utf7.encode(freeName(folder, target.name()).name()));
        // An item the person may not see is refused as any taken name is (audited with what is
        // really there): neither its lock nor whether it may be replaced is theirs to learn.
        if (!placements.visible(caller.user(), existing.get())) {
            throw nameTaken(caller, target, existing.get(), "Save As onto a hidden item", 409, headers);
        }
        String existingId = records.fileIdFor(target, existing.get().fileId());
        Optional<OfficeRecords.Lock> locked = records.lock(existingId);
        if (locked.isPresent()) {
            headers.put("X-WOPI-Lock", locked.get().lockId());
            throw new WopiRefusal(409, "the target is locked", headers, null);
        }
        if (!request.overwrite() || existing.get().folder()) {
            throw nameTaken(caller, target, existing.get(), "Save As onto an existing item", 409, headers);
        }
        // Overwriting is changing that file: its own label decides (403 when not allowed).
        if (!access.judge(null, caller.session(), caller.user(), existing.get()).may(EditorPermission.EDIT)) {
            throw new WopiRefusal(403, "the target may not be changed");
        }
        if (!copyLabels.mayReplace(caller.label(), existing.get())) {
            throw new WopiRefusal(409, "the target's label is not this file's or stricter", headers, null);
        }
        return new SaveAsTarget(target, true);
    }

    /** Where a Save As goes, and whether it replaces a file there. */
    record SaveAsTarget(FilePath path, boolean replacing) {
    }

    /**
     * PutRelativeFile: writes the copy, gives a new file this file's label and the caller as
     * owner, and answers its name and a WOPI URL with a token judged for the copy's own label.
     */
    Map<String, Object> saveAs(Caller caller, SaveAsTarget target, Path body) throws IOException {
        StoredFile saved;
        try (InputStream content = Files.newInputStream(body)) {
            saved = store.write(target.path(), content, null);
        }
        if (!target.replacing()) {
            copyLabels.carry(caller.label(), saved, caller.user());
            access.created(saved, caller.user());
        }
        Caller judged = access.judge(null, caller.session(), caller.user(), saved);
        String newId = records.fileIdFor(saved.path(), saved.fileId());
        String newToken = tokens.issue(new WopiAccessToken(caller.user().login(), newId,
                judged.permissions(), caller.session().id(), caller.grant().expiresAt()));
        audit(caller, "office.save-as", Map.of("session", caller.session().id(),
                "newPath", saved.path().toString(), "newFileId", newId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Name", saved.path().name());
        answer.put("Url", wopiSrc(newId) + "?access_token=" + newToken);
        answer.put("LastModifiedTime", WOPI_TIME.format(saved.lastModified()));
        return answer;
    }

    /** RenameFile: the new name without its extension, which the file keeps. */
    String rename(Caller caller, String lock, String requestedName) {
        requireWrite(caller);
        String id = caller.grant().fileId();
        if (requestedName == null || requestedName.isBlank()) {
            throw new WopiRefusal(400, "X-WOPI-RequestedName is required");
        }
        StoredFile file = caller.file();
        String extension = extension(file.path().name());
        String name;
        try {
            name = checkedName(decodeName(requestedName)) + (extension.isEmpty() ? "" : "." + extension);
        } catch (WopiRefusal e) {
            throw new WopiRefusal(400, e.getMessage(), Map.of("X-WOPI-InvalidFileNameError", e.getMessage()), null);
        }
        FilePath target = file.path().parent().orElse(FilePath.root()).resolve(name);
        try (FileMutexes.Held mutex = mutexes.hold(id)) {
            Optional<String> held = records.lock(id).map(OfficeRecords.Lock::lockId);
            if (held.isPresent() && !held.get().equals(lock)) {
                throw lockConflict(held.get(), "locked with another lock");
            }
            Optional<StoredFile> occupant = store.stat(target);
            if (occupant.isPresent()) {
                throw nameTaken(caller, target, occupant.get(), "rename onto a taken name", 400,
                        Map.of("X-WOPI-InvalidFileNameError", "the name is taken: choose another"));
            }
            StoredFile moved = store.move(file.path(), target);
            try {
                // Labels are kept by file id, and a store that derives ids from paths (the
                // local folder, plain WebDAV) gives the renamed file a new one: it takes the
                // label along. Nextcloud keeps the id, and the label with it.
                if (!moved.fileId().equals(file.fileId())) {
                    copyLabels.carry(caller.label(), moved, caller.user());
                    access.moved(file, moved);
                }
            } catch (RuntimeException e) {
                store.move(target, file.path());
                throw new WopiRefusal(500, "the renamed file could not keep its label and owner: "
                        + e.getMessage());
            }
            records.moved(id, target);
        }
        audit(caller, "office.rename", Map.of("session", caller.session().id(), "newPath", target.toString()));
        return stripExtension(name);
    }

    /** Where a refused request's file is, for its audit record; the WOPI id when unknown. */
    String auditTarget(String fileId) {
        return records.pathOf(fileId).map(FilePath::toString).orElse("wopi:" + fileId);
    }

    /** Lock ids in use now; for tests that the map empties. */
    int filesBeingWorkedOn() {
        return mutexes.size();
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static long parseLong(String value, String header) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new WopiRefusal(400, header + " is not a number");
        }
    }

    private StoredFile write(StoredFile current, SaveBody body) {
        try {
            return store.write(current.path(), body, body.length(), current.etag());
        } catch (VersionConflictException | IllegalArgumentException e) {
            // IllegalArgumentException: a version If-Match cannot name (a weak ETag that never settled)
            throw new WopiRefusal(409, "the file changed while saving: " + e.getMessage(), Map.of(), COOL_CONFLICT);
        } catch (RuntimeException e) {
            if (body.broken() != null) {
                // The store's write failed as a whole: the editor's body was at fault, not the store.
                throw new WopiRefusal(400, "the body ended before its Content-Length: " + body.broken().getMessage());
            }
            throw e;
        }
    }

    /** Refuses a session that may not change the file, before its body is read. */
    void requireWrite(Caller caller) {
        if (!caller.may(EditorPermission.EDIT)) {
            throw new WopiRefusal(403, "this session may not change the file");
        }
    }

    private static void requireHeld(Optional<String> held, String lock) {
        if (held.isEmpty()) {
            throw lockConflict("", "the file is not locked");
        }
        if (!held.get().equals(lock)) {
            throw lockConflict(held.get(), "locked with another lock");
        }
    }

    private static WopiRefusal lockConflict(String current, String reason) {
        return new WopiRefusal(409, reason, Map.of("X-WOPI-Lock", current,
                "X-WOPI-LockFailureReason", reason), null);
    }

    private static String checkLockId(String lock) {
        if (lock == null || lock.isEmpty()) {
            throw new WopiRefusal(400, "X-WOPI-Lock is required");
        }
        if (lock.length() > MAX_LOCK_LENGTH || !lock.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new WopiRefusal(400, "a lock id is at most 1024 printable ASCII characters");
        }
        return lock;
    }

    /**
     * The uniform refusal for a taken name ({@link Placements#taken}, audited with the real
     * occupant), in the status and headers WOPI expects for the operation.
     */
    private WopiRefusal nameTaken(Caller caller, FilePath target, StoredFile occupant, String reason,
            int status, Map<String, String> headers) {
        String words = placements.taken("office.wopi", caller.user(), target, occupant, reason)
                .getMessage();
        return new WopiRefusal(status, words, headers, null);
    }

    private void audit(Caller caller, String action, Map<String, String> details) {
        audit.record(AuditEvent.of(action, "file")
                .actor(caller.user().login(), caller.user().displayName())
                .target("file", caller.file().path().toString(), caller.level())
                .details(details)
                .success()
                .build());
    }

    private FilePath freeName(FilePath folder, String name) {
        FilePath candidate = folder.resolve(name);
        String base = stripExtension(name);
        String extension = extension(name);
        for (int n = 2; store.stat(candidate).isPresent(); n++) {
            candidate = folder.resolve(base + " (" + n + ")" + (extension.isEmpty() ? "" : "." + extension));
        }
        return candidate;
    }

    private static String suggestedName(String original, String suggested) {
        String name = suggested.startsWith(".") ? stripExtension(original) + suggested : suggested;
        return checkedName(name);
    }

    private static String decodeName(String header) {
        try {
            return Utf7.decode(header);
        } catch (IllegalArgumentException e) {
            throw new WopiRefusal(400, "the name is not valid UTF-7");
        }
    }

    private static String checkedName(String name) {
        try {
            return FilePath.root().resolve(name).name();
        } catch (IllegalArgumentException e) {
            throw new WopiRefusal(400, "illegal file name: " + e.getMessage());
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}

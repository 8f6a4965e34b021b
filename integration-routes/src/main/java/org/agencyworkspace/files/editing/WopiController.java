package org.agencyworkspace.files.editing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.editing.EditingAccess.Caller;
import org.agencyworkspace.files.store.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.store.VersionConflictException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WOPI host: what Collabora Online (and ONLYOFFICE in WOPI mode, and ONLYOFFICE's document
 * download) call to open, lock and save a file. Every request is authenticated and judged anew
 * ({@link EditingAccess}); every refusal and every save is audited; a save is streamed to a
 * private temporary file first and written to the store only when it is whole, within the size
 * limit, under the right lock and on top of the version the editor had (If-Match), so nothing is
 * ever half-written or silently overwritten.
 */
@RestController
public class WopiController {

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
    private final WopiAccessTokens tokens;
    private final ClassificationScheme scheme;
    private final EditingProperties properties;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Path temporary;
    private final ConcurrentHashMap<String, Object> fileMonitors = new ConcurrentHashMap<>();

    public WopiController(EditingAccess access, CopyLabels copyLabels, OfficeRecords records, FileStore store,
            WopiAccessTokens tokens, ClassificationScheme scheme, EditingProperties properties,
            AuditTrail audit, ObjectMapper json, Clock clock) throws IOException {
        this.access = access;
        this.copyLabels = copyLabels;
        this.records = records;
        this.store = store;
        this.tokens = tokens;
        this.scheme = scheme;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.temporary = Files.createTempDirectory("workspace-editing-");
    }

    // ---- CheckFileInfo -------------------------------------------------------------------

    @GetMapping(path = "/wopi/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> checkFileInfo(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token, HttpServletRequest request) {
        Caller caller = access.authenticate(id, token, request);
        return fileInfo(caller);
    }

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
        info.put("PostMessageOrigin", origin(URI.create(access.publicBase())));
        info.put("FileNameMaxLength", 255);
        return info;
    }

    // ---- GetFile ---------------------------------------------------------------------------

    @GetMapping("/wopi/files/{id}/contents")
    public void getFile(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token,
            @RequestHeader(name = "X-WOPI-MaxExpectedSize", required = false) String maxExpected,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = access.authenticate(id, token, request);
        StoredFile file = caller.file();
        if (maxExpected != null && file.size() > parseLong(maxExpected, "X-WOPI-MaxExpectedSize")) {
            throw new WopiRefusal(412, "the file is larger than X-WOPI-MaxExpectedSize");
        }
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader("X-WOPI-ItemVersion", file.etag());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        audit(caller, "office.fetch", null, Map.of("session", caller.session().id(),
                "editor", EditorKind.COLLABORA.code(), "fileId", id, "version", file.etag()));
        // Streamed: the store's stream goes straight to the editor, never whole in memory.
        // No Content-Length: the file may change between the look-up and the read.
        try (InputStream content = store.open(file.path()); OutputStream out = response.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = content.read(buffer)) != -1) {
                out.write(buffer, 0, read);
            }
        }
    }

    // ---- PutFile ---------------------------------------------------------------------------

    @PostMapping("/wopi/files/{id}/contents")
    public void putFile(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token,
            @RequestHeader(name = "X-WOPI-Override", required = false) String override,
            @RequestHeader(name = "X-WOPI-Lock", required = false) String lock,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"PUT".equalsIgnoreCase(override)) {
            throw new WopiRefusal(400, "X-WOPI-Override must be PUT on /contents");
        }
        Caller caller = access.authenticate(id, token, request);
        requireWrite(caller);
        Path body = receive(request);
        try {
            synchronized (monitor(id)) {
                StoredFile current = StoreVersions.settled(store, caller.file().path())
                        .orElseThrow(() -> new WopiRefusal(404, "the file is gone"));
                Optional<OfficeRecords.Lock> held = records.lock(id);
                if (held.isPresent() && !held.get().lockId().equals(lock)) {
                    throw lockConflict(held.get().lockId(), "locked with another lock");
                }
                if (held.isEmpty() && current.size() > 0) {
                    throw lockConflict("", "the file is not locked");
                }
                String seen = firstHeader(request, "X-COOL-WOPI-Timestamp", "X-LOOL-WOPI-Timestamp");
                if (seen != null && !seen.equals(WOPI_TIME.format(current.lastModified()))) {
                    throw new WopiRefusal(409, "the file changed since the editor loaded it (was "
                            + seen + ")", Map.of(), COOL_CONFLICT);
                }
                StoredFile saved = write(current, body);
                audit(caller, "office.save", null, saveDetails(request, current, saved));
                respondSaved(response, saved, null);
            }
        } finally {
            Files.deleteIfExists(body);
        }
    }

    private StoredFile write(StoredFile current, Path body) throws IOException {
        try (InputStream content = Files.newInputStream(body)) {
            return store.write(current.path(), content, current.etag());
        } catch (VersionConflictException | IllegalArgumentException e) {
            // IllegalArgumentException: a version If-Match cannot name (a weak ETag that never settled)
            throw new WopiRefusal(409, "the file changed while saving: " + e.getMessage(), Map.of(), COOL_CONFLICT);
        }
    }

    // ---- Lock family, PutRelativeFile, RenameFile ----------------------------------------

    @PostMapping("/wopi/files/{id}")
    public void fileOperation(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token,
            @RequestHeader(name = "X-WOPI-Override", required = false) String override,
            @RequestHeader(name = "X-WOPI-Lock", required = false) String lock,
            @RequestHeader(name = "X-WOPI-OldLock", required = false) String oldLock,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        String operation = override == null ? "" : override.toUpperCase(Locale.ROOT);
        if (!operation.matches("LOCK|UNLOCK|REFRESH_LOCK|GET_LOCK|PUT_RELATIVE|RENAME_FILE")) {
            throw new WopiRefusal(501, "X-WOPI-Override '" + override + "' is not supported");
        }
        Caller caller = access.authenticate(id, token, request);
        switch (operation) {
            case "GET_LOCK" -> {
                response.setHeader("X-WOPI-Lock", records.lock(id).map(OfficeRecords.Lock::lockId).orElse(""));
                response.setStatus(200);
            }
            case "PUT_RELATIVE" -> putRelative(caller, token, request, response);
            case "RENAME_FILE" -> rename(caller, lock, request, response);
            default -> lockOperation(caller, operation, checkLockId(lock), oldLock, response);
        }
    }

    private void lockOperation(Caller caller, String operation, String lock, String oldLock,
            HttpServletResponse response) {
        String id = caller.grant().fileId();
        synchronized (monitor(id)) {
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
                        audit(caller, "office.close", null, Map.of("session", caller.session().id()));
                    }
                }
                default -> throw new IllegalStateException(operation);
            }
        }
        response.setHeader("X-WOPI-ItemVersion", caller.file().etag());
        response.setStatus(200);
    }

    private void putRelative(Caller caller, String token, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String suggested = request.getHeader("X-WOPI-SuggestedTarget");
        String relative = request.getHeader("X-WOPI-RelativeTarget");
        if ((suggested == null) == (relative == null)) {
            throw new WopiRefusal(400, "exactly one of X-WOPI-SuggestedTarget and X-WOPI-RelativeTarget is needed");
        }
        if (!(caller.may(EditorPermission.EDIT) && caller.may(EditorPermission.EXPORT))) {
            throw new WopiRefusal(501, "Save As is not allowed for this file (UserCanNotWriteRelative)");
        }
        FilePath folder = caller.file().path().parent().orElse(FilePath.root());
        FilePath target;
        boolean replacing = false;
        boolean overwrite = Boolean.parseBoolean(request.getHeader("X-WOPI-OverwriteRelativeTarget"));
        if (suggested != null) {
            target = freeName(folder, suggestedName(caller.file().path().name(), decodeName(suggested)));
        } else {
            target = folder.resolve(checkedName(decodeName(relative)));
            Optional<StoredFile> existing = store.stat(target);
            if (existing.isPresent()) {
                String existingId = records.fileIdFor(target, existing.get().fileId());
                Optional<OfficeRecords.Lock> locked = records.lock(existingId);
                Map<String, String> headers = new HashMap<>();
                headers.put("X-WOPI-ValidRelativeTarget", Utf7.encode(freeName(folder, target.name()).name()));
                if (locked.isPresent()) {
                    headers.put("X-WOPI-Lock", locked.get().lockId());
                    throw new WopiRefusal(409, "the target is locked", headers, null);
                }
                if (!overwrite || existing.get().folder()) {
                    throw new WopiRefusal(409, "the target exists", headers, null);
                }
                // Overwriting is changing that file: its own label decides (403 when not allowed).
                if (!access.judge(null, caller.session(), caller.user(), existing.get()).may(EditorPermission.EDIT)) {
                    throw new WopiRefusal(403, "the target may not be changed");
                }
                if (!copyLabels.mayReplace(caller.label(), existing.get())) {
                    throw new WopiRefusal(409, "the target's label is not this file's or stricter", headers, null);
                }
                replacing = true;
            }
        }
        Path body = receive(request);
        StoredFile saved;
        try (InputStream content = Files.newInputStream(body)) {
            saved = store.write(target, content, null);
        } finally {
            Files.deleteIfExists(body);
        }
        if (!replacing) {
            copyLabels.carry(caller.label(), saved, caller.user());
            access.created(saved, caller.user());
        }
        // The new file is judged like any other, with the label it now has.
        Caller judged = access.judge(null, caller.session(), caller.user(), saved);
        String newId = records.fileIdFor(saved.path(), saved.fileId());
        WopiAccessToken grant = new WopiAccessToken(caller.user().login(), newId,
                judged.permissions(), caller.session().id(), caller.grant().expiresAt());
        String newToken = tokens.issue(grant);
        audit(caller, "office.save-as", null, Map.of("session", caller.session().id(),
                "newPath", saved.path().toString(), "newFileId", newId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Name", saved.path().name());
        answer.put("Url", wopiSrc(newId) + "?access_token=" + newToken);
        answer.put("LastModifiedTime", WOPI_TIME.format(saved.lastModified()));
        writeJson(response, 200, answer);
    }

    private void rename(Caller caller, String lock, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        requireWrite(caller);
        String id = caller.grant().fileId();
        String requested = request.getHeader("X-WOPI-RequestedName");
        if (requested == null || requested.isBlank()) {
            throw new WopiRefusal(400, "X-WOPI-RequestedName is required");
        }
        StoredFile file = caller.file();
        String extension = extension(file.path().name());
        String name;
        try {
            name = checkedName(decodeName(requested)) + (extension.isEmpty() ? "" : "." + extension);
        } catch (WopiRefusal e) {
            throw new WopiRefusal(400, e.getMessage(), Map.of("X-WOPI-InvalidFileNameError", e.getMessage()), null);
        }
        FilePath target = file.path().parent().orElse(FilePath.root()).resolve(name);
        synchronized (monitor(id)) {
            Optional<String> held = records.lock(id).map(OfficeRecords.Lock::lockId);
            if (held.isPresent() && !held.get().equals(lock)) {
                throw lockConflict(held.get(), "locked with another lock");
            }
            if (store.stat(target).isPresent()) {
                throw new WopiRefusal(400, "a file named " + name + " exists",
                        Map.of("X-WOPI-InvalidFileNameError", "a file of that name exists"), null);
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
        audit(caller, "office.rename", null, Map.of("session", caller.session().id(), "newPath", target.toString()));
        writeJson(response, 200, Map.of("Name", stripExtension(name)));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The file's WOPISrc: the URL the editor calls for it. */
    public String wopiSrc(String fileId) {
        return access.publicBase() + "/wopi/files/" + fileId;
    }

    private void requireWrite(Caller caller) {
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
     * Streams the request body to a private temporary file, refusing more than the configured
     * maximum (413) and a body whose length is not the one announced (400).
     */
    private Path receive(HttpServletRequest request) throws IOException {
        long max = properties.maxFileSize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw new WopiRefusal(413, "the file is larger than " + properties.maxFileSize());
        }
        String announced = request.getHeader("X-WOPI-Size");
        Path body = Files.createTempFile(temporary, "save-", ".part");
        long received = 0;
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(body)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                received += read;
                if (received > max) {
                    throw new WopiRefusal(413, "the file is larger than " + properties.maxFileSize());
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | UncheckedIOException | WopiRefusal e) {
            Files.deleteIfExists(body);
            if (e instanceof WopiRefusal refusal) {
                throw refusal;
            }
            throw new WopiRefusal(400, "the body ended before its Content-Length");
        }
        if ((declared >= 0 && received != declared)
                || (announced != null && received != parseLong(announced, "X-WOPI-Size"))) {
            Files.deleteIfExists(body);
            throw new WopiRefusal(400, "the body is " + received + " bytes, not the length announced");
        }
        return body;
    }

    private void respondSaved(HttpServletResponse response, StoredFile saved, String name) throws IOException {
        response.setHeader("X-WOPI-ItemVersion", saved.etag());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("LastModifiedTime", WOPI_TIME.format(saved.lastModified()));
        if (name != null) {
            answer.put("Name", name);
        }
        writeJson(response, 200, answer);
    }

    private Map<String, String> saveDetails(HttpServletRequest request, StoredFile before, StoredFile after) {
        Map<String, String> details = new HashMap<>();
        details.put("fromVersion", before.etag());
        details.put("toVersion", after.etag());
        details.put("size", Long.toString(after.size()));
        putIfPresent(details, "autosave", firstHeader(request, "X-COOL-WOPI-IsAutosave", "X-LOOL-WOPI-IsAutosave"));
        putIfPresent(details, "exitSave", firstHeader(request, "X-COOL-WOPI-IsExitSave", "X-LOOL-WOPI-IsExitSave"));
        putIfPresent(details, "modifiedByUser", firstHeader(request, "X-COOL-WOPI-IsModifiedByUser", "X-LOOL-WOPI-IsModifiedByUser"));
        putIfPresent(details, "editors", request.getHeader("X-WOPI-Editors"));
        return details;
    }

    private void audit(Caller caller, String action, String failure, Map<String, String> details) {
        AuditEvent.Builder event = AuditEvent.of(action, "file")
                .actor(caller.user().login(), caller.user().displayName())
                .target("file", caller.file().path().toString(), caller.level())
                .details(details);
        audit.record((failure == null ? event.success() : event.failure(failure)).build());
    }

    @ExceptionHandler(WopiRefusal.class)
    void refused(WopiRefusal refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fileId = fileIdOf(request);
        Map<String, String> details = new HashMap<>();
        details.put("status", Integer.toString(refusal.status()));
        details.put("operation", Optional.ofNullable(request.getHeader("X-WOPI-Override"))
                .orElse(request.getMethod() + (request.getRequestURI().endsWith("/contents") ? " contents" : "")));
        details.put("fileId", fileId);
        String target = records.pathOf(fileId).map(FilePath::toString).orElse("wopi:" + fileId);
        audit.record(AuditEvent.of("office.wopi", "file")
                .actor("editor", "office editor")
                .target("file", target)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .failure(refusal.getMessage())
                .details(details)
                .build());
        refusal.headers().forEach(response::setHeader);
        response.setStatus(refusal.status());
        if (refusal.body() != null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(refusal.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String fileIdOf(HttpServletRequest request) {
        String[] parts = request.getRequestURI().split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("files")) {
                return parts[i + 1];
            }
        }
        return "";
    }

    private void writeJson(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    private Object monitor(String fileId) {
        return fileMonitors.computeIfAbsent(fileId, key -> new Object());
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

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    private static String firstHeader(HttpServletRequest request, String... names) {
        for (String name : names) {
            String value = request.getHeader(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static long parseLong(String value, String header) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new WopiRefusal(400, header + " is not a number");
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    Instant now() {
        return clock.instant();
    }
}

package org.agencyworkspace.files.editing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.InvalidTokenException;
import org.agencyworkspace.connector.office.OnlyOfficeJwt;
import org.agencyworkspace.files.editing.EditingConfiguration.EditorServers;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.store.VersionConflictException;
import org.agencyworkspace.files.versions.VersionKeepingFileStore;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * ONLYOFFICE's callback handler ({@code editorConfig.callbackUrl}). The callback is believed
 * only when its JWT verifies (body {@code token}, {@code Authorization: Bearer}, or both);
 * statuses 2 (closed, ready to save) and 6 (force-saved) are saved at once: the result is
 * downloaded from the Document Server to a private temporary file and written to the store on
 * top of the version the key's session last saw (If-Match). If the file changed meanwhile the
 * edit is kept beside it as a conflict copy, never dropped, and the copy carries the file's label. A callback already handled (same
 * key, status and url) is answered again without saving twice. The last editor's current
 * clearance must still allow the file, else the save is refused.
 */
@RestController
public class OnlyOfficeCallbacks {

    private final EditorServers editors;
    private final OfficeRecords records;
    private final FileStore store;
    private final EditingAccess access;
    private final CopyLabels copyLabels;
    private final EditingProperties properties;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Path temporary;
    private final ConcurrentHashMap<String, Object> keyMonitors = new ConcurrentHashMap<>();

    public OnlyOfficeCallbacks(EditorServers editors, OfficeRecords records, FileStore store,
            EditingAccess access, CopyLabels copyLabels, EditingProperties properties, AuditTrail audit,
            ObjectMapper json) throws IOException {
        this.editors = editors;
        this.records = records;
        this.store = store;
        this.access = access;
        this.copyLabels = copyLabels;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.temporary = Files.createTempDirectory("workspace-onlyoffice-");
    }

    @PostMapping("/api/files/editing/onlyoffice/callback/{fileId}")
    public ResponseEntity<Map<String, Integer>> callback(@PathVariable String fileId,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request) {
        OnlyOfficeJwt jwt = editors.onlyOfficeJwt();
        Map<String, Object> callback;
        try {
            if (jwt == null) {
                throw new InvalidTokenException("ONLYOFFICE is not configured");
            }
            Map<String, Object> body = json.readValue(request.getInputStream(), new TypeReference<>() { });
            callback = jwt.verifyCallback(body, authorization);
        } catch (InvalidTokenException | IOException e) {
            refuse(fileId, null, "callback refused: " + e.getMessage(), request);
            return answer(403, 1);
        }
        String key = String.valueOf(callback.get("key"));
        int status = callback.get("status") instanceof Number n ? n.intValue() : -1;
        String url = callback.get("url") instanceof String u ? u : "";
        Optional<String[]> known = records.key(key);
        if (known.isEmpty() || !known.get()[0].equals(fileId)) {
            refuse(fileId, null, "unknown document key " + key, request);
            return answer(200, 1);
        }
        String digest = sha256(url);
        synchronized (keyMonitors.computeIfAbsent(key, k -> new Object())) {
            Optional<String> done = records.callbackOutcome(key, status, digest);
            if (done.isPresent()) {
                return answer(200, 0); // a replay of a callback already handled: not saved twice
            }
            String outcome = handle(fileId, key, known.get()[1], status, url, callback, request);
            if (outcome.equals("refused")) {
                // Not recorded: the Document Server retries, and a retry is judged afresh.
                return answer(200, 1);
            }
            records.callbackHandled(key, status, digest, outcome);
            return answer(200, 0);
        }
    }

    private String handle(String fileId, String key, String etag, int status, String url,
            Map<String, Object> callback, HttpServletRequest request) {
        FilePath path = records.pathOf(fileId).orElse(null);
        String user = lastUser(callback);
        switch (status) {
            case 1 -> {
                return "editing"; // someone connected or disconnected: presence only
            }
            case 4 -> {
                closeSessions(fileId, path, user, "closed without changes");
                return "closed";
            }
            case 3, 7 -> {
                record(path, user, "office.save", "the editor could not save (status " + status + ")",
                        Map.of("key", key, "status", Integer.toString(status)));
                return "save-error";
            }
            case 2, 6 -> {
                String outcome = save(fileId, path, key, etag, status, url, user, request);
                if (status == 2 && !outcome.equals("refused")) {
                    closeSessions(fileId, path, user, "closed after saving");
                }
                return outcome;
            }
            default -> {
                refuse(fileId, path, "unknown callback status " + status, request);
                return "refused";
            }
        }
    }

    private String save(String fileId, FilePath path, String key, String etag, int status, String url,
            String login, HttpServletRequest request) {
        if (path == null || login == null) {
            refuse(fileId, path, "the callback names no file or no user", request);
            return "refused";
        }
        StoredFile current = store.stat(path).orElse(null);
        if (current == null) {
            refuse(fileId, path, "the file is gone", request);
            return "refused";
        }
        WorkspaceUser user;
        EditingAccess.Caller judged;
        try {
            user = access.currentUser(login);
            judged = access.judge(null, null, user, current);
        } catch (WopiRefusal e) {
            refuse(fileId, path, login + " may no longer save this file: " + e.getMessage(), request);
            return "refused";
        }
        if (!judged.may(EditorPermission.EDIT)) {
            refuse(fileId, path, login + " may not change this file", request);
            return "refused";
        }
        if (!fromDocumentServer(url)) {
            refuse(fileId, path, "the result url is not on the configured Document Server: " + url, request);
            return "refused";
        }
        Path result = null;
        try {
            result = download(url);
            StoredFile saved;
            String outcome = "saved";
            try (InputStream content = Files.newInputStream(result)) {
                StoredFile now = StoreVersions.settled(store, path).orElse(current);
                if (!StoreVersions.sameVersion(etag, now.etag())) {
                    throw new VersionConflictException(path + " changed since this document key's version");
                }
                saved = VersionKeepingFileStore.writingAs(login,
                        () -> store.write(path, content, now.etag()));
            } catch (VersionConflictException | IllegalArgumentException e) {
                // Someone changed the file since this key's version: keep the edit beside it.
                FilePath copy = conflictCopy(path, login);
                try (InputStream content = Files.newInputStream(result)) {
                    saved = store.write(copy, content, null);
                }
                copyLabels.carry(judged.label(), saved, user);
                access.created(saved, user);
                outcome = "conflict-copy";
            }
            if (outcome.equals("saved")) {
                records.keySaved(key, saved.etag());
            }
            Map<String, String> details = new HashMap<>();
            details.put("key", key);
            details.put("status", Integer.toString(status));
            details.put("toVersion", saved.etag());
            details.put("savedAs", saved.path().toString());
            details.put("editor", "onlyoffice");
            record(path, login, "office.save", null, details);
            return outcome;
        } catch (IOException | RuntimeException e) {
            record(path, login, "office.save", "the result could not be saved: " + e.getMessage(),
                    Map.of("key", key, "status", Integer.toString(status)));
            return "refused";
        } finally {
            deleteQuietly(result);
        }
    }

    private Path download(String url) throws IOException {
        Path file = Files.createTempFile(temporary, "result-", ".part");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
                if (response.statusCode() != 200) {
                    throw new IOException("the Document Server answered HTTP " + response.statusCode());
                }
                long max = properties.maxFileSize().toBytes();
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = in.read(buffer)) != -1) {
                    total += read;
                    if (total > max) {
                        throw new IOException("the result is larger than " + properties.maxFileSize());
                    }
                    out.write(buffer, 0, read);
                }
            }
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(file);
            throw new IOException("interrupted downloading the result", e);
        }
    }

    /** The result must come from the Document Server itself, never from an address of the body's choosing. */
    private boolean fromDocumentServer(String url) {
        try {
            URI result = URI.create(url);
            URI server = properties.onlyoffice().url();
            return server != null && result.getScheme() != null
                    && result.getScheme().equalsIgnoreCase(server.getScheme())
                    && result.getHost() != null && result.getHost().equalsIgnoreCase(server.getHost())
                    && port(result) == port(server);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private FilePath conflictCopy(FilePath path, String login) {
        String name = path.name();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        FilePath folder = path.parent().orElse(FilePath.root());
        FilePath copy = folder.resolve(base + " (衝突 " + login + ")" + ext);
        for (int n = 2; store.stat(copy).isPresent(); n++) {
            copy = folder.resolve(base + " (衝突 " + login + " " + n + ")" + ext);
        }
        return copy;
    }

    private void closeSessions(String fileId, FilePath path, String user, String how) {
        if (records.closeSessions(fileId, EditorKind.ONLYOFFICE) > 0) {
            record(path, user, "office.close", null, Map.of("editor", "onlyoffice", "how", how));
        }
    }

    private static String lastUser(Map<String, Object> callback) {
        if (callback.get("users") instanceof List<?> users && !users.isEmpty()) {
            return String.valueOf(users.get(users.size() - 1));
        }
        return null;
    }

    private void refuse(String fileId, FilePath path, String reason, HttpServletRequest request) {
        audit.record(AuditEvent.of("office.callback", "file").actor("onlyoffice", "ONLYOFFICE Document Server")
                .target("file", path == null ? "wopi:" + fileId : path.toString())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .failure(reason).details(Map.of("fileId", fileId)).build());
    }

    private void record(FilePath path, String login, String action, String failure, Map<String, String> details) {
        AuditEvent.Builder event = AuditEvent.of(action, "file")
                .actor(login == null ? "onlyoffice" : login, login == null ? "ONLYOFFICE Document Server" : login)
                .target("file", path == null ? "unknown" : path.toString())
                .details(details);
        audit.record((failure == null ? event.success() : event.failure(failure)).build());
    }

    private static ResponseEntity<Map<String, Integer>> answer(int status, int error) {
        return ResponseEntity.status(status).body(Map.of("error", error));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left to the operating system's clean-up of the temporary area
            }
        }
    }

    /**
     * Asks the Document Server to save the file's open ONLYOFFICE document now (command service
     * {@code forcesave}); the result arrives as callback status 6.
     *
     * @return the command service's error code (0 done, 4 nothing changed since the last save)
     * @throws EditingRefusedException 404 when ONLYOFFICE is not configured or the file was never
     *     opened in it, 503 when the Document Server cannot be reached
     */
    public int forceSave(String fileId, WorkspaceUser user, String path) {
        if (editors.onlyOfficeCommands() == null) {
            throw new EditingRefusedException(404, "ONLYOFFICE is not configured");
        }
        String key = records.latestKey(fileId)
                .orElseThrow(() -> new EditingRefusedException(404, "the file is not open in ONLYOFFICE"));
        int code;
        try {
            code = editors.onlyOfficeCommands().forceSave(key, user.login());
        } catch (java.io.UncheckedIOException | org.agencyworkspace.connector.office.OfficeProtocolException e) {
            throw new EditingRefusedException(503, "the Document Server cannot be reached: " + e.getMessage());
        }
        audit.record(AuditEvent.of("office.forcesave", "file").actor(user.login(), user.displayName())
                .target("file", path).success().details(Map.of("key", key, "error", Integer.toString(code))).build());
        return code;
    }
}

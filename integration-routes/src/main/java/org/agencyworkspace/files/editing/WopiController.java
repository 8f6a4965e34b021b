package org.agencyworkspace.files.editing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.files.editing.EditingAccess.Caller;
import org.agencyworkspace.files.store.StoredFile;
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
 * WOPI over HTTP: what Collabora Online (and ONLYOFFICE in WOPI mode) call to open, lock and save
 * a file. This class reads the protocol's headers and bodies and writes its answers; the rules
 * are {@link WopiHost}'s. Every request is authenticated and judged anew ({@link EditingAccess});
 * a save whose length is announced streams into the store's all-or-nothing write once its size,
 * lock and version are checked (a body that breaks off fails the write), any other body is
 * spooled to a private temporary file and handed on only when whole and within the size limit;
 * every refusal is audited and answered in WOPI's own form (status and
 * X-WOPI headers), not as a problem document.
 */
@RestController
public class WopiController {

    /** GetFile's copy block and response buffer. */
    private static final int COPY_BLOCK = 256 * 1024;

    private final EditingAccess access;
    private final WopiHost host;
    private final EditingProperties properties;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Path temporary;

    public WopiController(EditingAccess access, WopiHost host, EditingProperties properties,
            AuditTrail audit, ObjectMapper json) throws IOException {
        this.access = access;
        this.host = host;
        this.properties = properties;
        this.audit = audit;
        this.json = json;
        this.temporary = Files.createTempDirectory("workspace-editing-");
    }

    @GetMapping(path = "/wopi/files/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> checkFileInfo(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token, HttpServletRequest request) {
        return host.fileInfo(access.authenticate(id, token, request));
    }

    @GetMapping("/wopi/files/{id}/contents")
    public void getFile(@PathVariable String id,
            @RequestParam(name = "access_token", required = false) String token,
            @RequestHeader(name = "X-WOPI-MaxExpectedSize", required = false) String maxExpected,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        StoredFile file = host.fetch(access.authenticate(id, token, request), maxExpected);
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader("X-WOPI-ItemVersion", file.etag());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Streamed: the store's stream goes straight to the editor, never whole in memory.
        // No Content-Length: the file may change between the look-up and the read. Copied in
        // large blocks through a large response buffer: 8 KiB ones (transferTo's, Tomcat's)
        // cost a socket write each, and most of GetFile's time over a plain GET was in them.
        response.setBufferSize(COPY_BLOCK);
        try (InputStream content = host.open(file); OutputStream out = response.getOutputStream()) {
            byte[] block = new byte[COPY_BLOCK];
            for (int read; (read = content.read(block)) >= 0; ) {
                out.write(block, 0, read);
            }
        }
    }

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
        host.requireWrite(caller);
        WopiHost.Save save = new WopiHost.Save(lock,
                firstHeader(request, "X-COOL-WOPI-Timestamp", "X-LOOL-WOPI-Timestamp"), saveFlags(request));
        long length = announcedLength(request);
        StoredFile saved;
        if (length >= 0) {
            // Length known and within the limit: the body streams into the store's
            // all-or-nothing write once the lock and version are checked, held to that length.
            saved = host.save(caller, save, new SaveBody(request.getInputStream(), length));
        } else {
            Path body = receive(request);
            try (InputStream content = Files.newInputStream(body)) {
                saved = host.save(caller, save, new SaveBody(content, Files.size(body)));
            } finally {
                Files.deleteIfExists(body);
            }
        }
        response.setHeader("X-WOPI-ItemVersion", saved.etag());
        writeJson(response, Map.of("LastModifiedTime", WopiHost.WOPI_TIME.format(saved.lastModified())));
    }

    /** The operations WOPI sends to the file's own URL, named by X-WOPI-Override. */
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
                response.setHeader("X-WOPI-Lock", host.currentLock(id));
                response.setStatus(200);
            }
            case "PUT_RELATIVE" -> {
                WopiHost.SaveAsTarget target = host.saveAsTarget(caller, new WopiHost.SaveAs(
                        request.getHeader("X-WOPI-SuggestedTarget"),
                        request.getHeader("X-WOPI-RelativeTarget"),
                        Boolean.parseBoolean(request.getHeader("X-WOPI-OverwriteRelativeTarget"))));
                Path body = receive(request);
                try {
                    writeJson(response, host.saveAs(caller, target, body));
                } finally {
                    Files.deleteIfExists(body);
                }
            }
            case "RENAME_FILE" -> writeJson(response,
                    Map.of("Name", host.rename(caller, lock, request.getHeader("X-WOPI-RequestedName"))));
            default -> {
                host.lockOperation(caller, operation, lock, oldLock);
                response.setHeader("X-WOPI-ItemVersion", caller.file().etag());
                response.setStatus(200);
            }
        }
    }

    @ExceptionHandler(WopiRefusal.class)
    void refused(WopiRefusal refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String fileId = fileIdOf(request);
        Map<String, String> details = new HashMap<>();
        details.put("status", Integer.toString(refusal.status()));
        details.put("operation", Optional.ofNullable(request.getHeader("X-WOPI-Override"))
                .orElse(request.getMethod() + (request.getRequestURI().endsWith("/contents") ? " contents" : "")));
        details.put("fileId", fileId);
        audit.record(AuditEvent.of("office.wopi", "file")
                .actor("editor", "office editor")
                .target("file", host.auditTarget(fileId))
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

    /**
     * The body's length as Content-Length (and X-WOPI-Size, when sent) announce it, or -1 when
     * the request does not say (chunked); refused before a byte is read when it is above the
     * maximum (413) or the two disagree (400).
     */
    private long announcedLength(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > properties.maxFileSize().toBytes()) {
            throw new WopiRefusal(413, "the file is larger than " + properties.maxFileSize());
        }
        String announced = request.getHeader("X-WOPI-Size");
        if (declared >= 0 && announced != null && declared != WopiHost.parseLong(announced, "X-WOPI-Size")) {
            throw new WopiRefusal(400, "the body is " + declared + " bytes, not the length announced");
        }
        return declared;
    }

    /**
     * Streams a body of unannounced length (a Save As's, or a chunked PutFile's) to a private
     * temporary file, refusing more than the configured maximum (413) and a body whose length
     * is not the one announced (400).
     */
    private Path receive(HttpServletRequest request) throws IOException {
        long max = properties.maxFileSize().toBytes();
        long declared = announcedLength(request);
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
                || (announced != null && received != WopiHost.parseLong(announced, "X-WOPI-Size"))) {
            Files.deleteIfExists(body);
            throw new WopiRefusal(400, "the body is " + received + " bytes, not the length announced");
        }
        return body;
    }

    /** What Collabora says about a save (autosave, exit save, …), kept in its audit record. */
    private static Map<String, String> saveFlags(HttpServletRequest request) {
        Map<String, String> flags = new LinkedHashMap<>();
        putIfPresent(flags, "autosave", firstHeader(request, "X-COOL-WOPI-IsAutosave", "X-LOOL-WOPI-IsAutosave"));
        putIfPresent(flags, "exitSave", firstHeader(request, "X-COOL-WOPI-IsExitSave", "X-LOOL-WOPI-IsExitSave"));
        putIfPresent(flags, "modifiedByUser", firstHeader(request, "X-COOL-WOPI-IsModifiedByUser",
                "X-LOOL-WOPI-IsModifiedByUser"));
        putIfPresent(flags, "editors", request.getHeader("X-WOPI-Editors"));
        return flags;
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

    private void writeJson(HttpServletResponse response, Map<String, ?> body) throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
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
}

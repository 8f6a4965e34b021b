package org.agencyworkspace.files.editing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.agencyworkspace.connector.office.DocumentFetchGrant;
import org.agencyworkspace.connector.office.InvalidTokenException;
import org.agencyworkspace.connector.office.OnlyOfficeJwt;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.files.editing.EditingConfiguration.EditorServers;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * ONLYOFFICE's {@code document.url}: where the Document Server downloads the file when an editor
 * opens it. Both must hold: the request carries the Document Server's JWT over this very URL
 * ({@code Authorization: Bearer}, payload {@code {"url": …}}, signed with the shared secret that
 * never reaches a browser), and the URL's fetch token is a live one of an open ONLYOFFICE session
 * for this file. The person's current clearance is judged against the file's current label, as
 * on every WOPI request. So a link copied out of the editor page fetches nothing: no JWT without
 * the Document Server's secret, and none at all once the session closed or minutes passed.
 * Every fetch, and every refusal, is audited with the person, the file, its level and the
 * session.
 */
@RestController
public class OnlyOfficeDownloads {

    static final String PATH = "/api/files/editing/onlyoffice/file/";

    private final EditorServers editors;
    private final WopiAccessTokens tokens;
    private final OfficeRecords records;
    private final FileStore store;
    private final EditingAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public OnlyOfficeDownloads(EditorServers editors, WopiAccessTokens tokens, OfficeRecords records,
            FileStore store, EditingAccess access, AuditTrail audit, Clock clock) {
        this.editors = editors;
        this.tokens = tokens;
        this.records = records;
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** The {@code document.url} for a file and fetch token, under the workspace's public address. */
    static String documentUrl(String base, String fileId, String fetchToken) {
        return base + PATH + URLEncoder.encode(fileId, StandardCharsets.UTF_8) + "?t=" + fetchToken;
    }

    @GetMapping(PATH + "{fileId}")
    public void download(@PathVariable String fileId, @RequestParam(name = "t", required = false) String token,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        OnlyOfficeJwt jwt = editors.onlyOfficeJwt();
        if (jwt == null) {
            throw new Refusal(404, "ONLYOFFICE is not configured", null);
        }
        String signedUrl;
        try {
            signedUrl = jwt.verifyDownload(authorization);
        } catch (InvalidTokenException e) {
            throw new Refusal(401, "the Document Server's JWT is missing or invalid: " + e.getMessage(), null);
        }
        if (!signedUrl.equals(access.publicUrl(request))) {
            throw new Refusal(403, "the Document Server's JWT was signed for another URL", null);
        }
        DocumentFetchGrant grant;
        try {
            grant = tokens.checkFetch(token, fileId, clock.instant());
        } catch (InvalidTokenException e) {
            throw new Refusal(401, "fetch token refused: " + e.getMessage(), null);
        }
        OfficeRecords.Session session = records.session(grant.session())
                .filter(found -> found.editor() == EditorKind.ONLYOFFICE && found.login().equals(grant.user())
                        && found.fileId().equals(fileId))
                .orElseThrow(() -> new Refusal(401, "the fetch token's session is unknown", null));
        if (session.closed()) {
            throw new Refusal(401, "the fetch token's editing session was closed", session);
        }
        FilePath path = records.pathOf(fileId).orElseThrow(() -> new Refusal(404, "unknown file id", session));
        StoredFile file = store.find(path)
                .filter(found -> !found.folder())
                .orElseThrow(() -> new Refusal(404, "the file is no longer at " + path, session));
        EditingAccess.Caller caller;
        try {
            WorkspaceUser user = access.currentUser(grant.user());
            caller = access.judge(null, session, user, file);
        } catch (WopiRefusal e) {
            throw new Refusal(e.status(), e.getMessage(), session);
        }
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Audited before the first byte: a fetch cut short was still a fetch.
        audit.record(AuditEvent.of("office.fetch", "file")
                .actor(caller.user().login(), caller.user().displayName())
                .target("file", file.path().toString(), caller.level())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .success()
                .details(Map.of("session", session.id(), "editor", EditorKind.ONLYOFFICE.code(),
                        "fileId", fileId, "version", file.etag()))
                .build());
        try (InputStream content = store.open(file.path()); OutputStream out = response.getOutputStream()) {
            content.transferTo(out);
        }
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal, HttpServletRequest request) {
        String fileId = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        Map<String, String> details = new HashMap<>();
        details.put("status", Integer.toString(refusal.status));
        details.put("fileId", fileId);
        details.put("editor", EditorKind.ONLYOFFICE.code());
        if (refusal.session != null) {
            details.put("session", refusal.session.id());
        }
        String target = records.pathOf(fileId).map(FilePath::toString).orElse("wopi:" + fileId);
        audit.record(AuditEvent.of("office.fetch", "file")
                .actor(refusal.session == null ? "onlyoffice" : refusal.session.login(),
                        refusal.session == null ? "ONLYOFFICE Document Server" : refusal.session.login())
                .target("file", target)
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .failure(refusal.getMessage())
                .details(details)
                .build());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(refusal.status),
                refusal.getMessage());
        problem.setTitle("Not fetched");
        return ResponseEntity.status(refusal.status).body(problem);
    }

    /** A download refused; the session is known once the fetch token was. */
    static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final transient OfficeRecords.Session session;

        Refusal(int status, String reason, OfficeRecords.Session session) {
            super(reason);
            this.status = status;
            this.session = session;
        }
    }
}

package org.agencyworkspace.files.editing;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.agencyworkspace.connector.office.DocumentFetchGrant;
import org.agencyworkspace.connector.office.EditorPermission;
import org.agencyworkspace.connector.office.OfficeProtocolException;
import org.agencyworkspace.connector.office.OnlyOfficeEditorConfig;
import org.agencyworkspace.connector.office.WopiAccessToken;
import org.agencyworkspace.connector.office.WopiAccessTokens;
import org.agencyworkspace.files.classification.AccessDecision;
import org.agencyworkspace.files.classification.AccessPolicy;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.classification.FileAction;
import org.agencyworkspace.files.editing.EditingConfiguration.EditorServers;
import org.agencyworkspace.files.labels.FileLabels;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.stereotype.Service;

/**
 * Opens a file in an editor: picks the editor (by configuration and file type), issues the
 * session's access token for what the person may do now, and tells the browser where to go.
 * Opening is audited; a refusal too.
 */
@Service
public class EditingSessions {

    /**
     * A file looked up and judged, before a session is opened.
     *
     * @param file the file
     * @param editor the editor that opens it
     * @param stepUpRequired whether the person must re-authenticate first
     */
    public record Check(StoredFile file, EditorKind editor, boolean stepUpRequired) {
    }

    /**
     * An open editing session: what the browser needs to start the editor.
     *
     * @param sessionId the session
     * @param editor {@code collabora} or {@code onlyoffice}
     * @param fileId the WOPI file id
     * @param path the file
     * @param level the file's level code
     * @param marking the level as marked on banners ({@code 密 SECRET})
     * @param wopiSrc the file's WOPI URL
     * @param accessToken Collabora: the WOPI access token (form-posted, never in a URL the browser
     *     shows); ONLYOFFICE: null, its Document Server fetches with the config's fetch token
     * @param accessTokenTtl the access token's expiry, milliseconds since the epoch; 0 without one
     * @param editorUrl Collabora: the discovery {@code urlsrc} with {@code WOPISrc}; ONLYOFFICE:
     *     the Document Server's {@code api.js}
     * @param permissions what the person may do in the editor
     * @param onlyofficeConfig ONLYOFFICE's signed editor config; null for Collabora
     */
    public record Launch(String sessionId, String editor, String fileId, String path, String level,
            String marking, String wopiSrc, String accessToken, long accessTokenTtl, String editorUrl,
            Set<EditorPermission> permissions, Map<String, Object> onlyofficeConfig) {
    }

    private final FileStore store;
    private final FileLabels labels;
    private final AccessPolicy policy;
    private final ClassificationScheme scheme;
    private final EditingAccess access;
    private final OfficeRecords records;
    private final WopiAccessTokens tokens;
    private final EditorServers editors;
    private final WopiHost wopi;
    private final EditingProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    public EditingSessions(FileStore store, FileLabels labels, AccessPolicy policy,
            ClassificationScheme scheme, EditingAccess access, OfficeRecords records, WopiAccessTokens tokens,
            EditorServers editors, WopiHost wopi, EditingProperties properties,
            AuditTrail audit, Clock clock) {
        this.store = store;
        this.labels = labels;
        this.policy = policy;
        this.scheme = scheme;
        this.access = access;
        this.records = records;
        this.tokens = tokens;
        this.editors = editors;
        this.wopi = wopi;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws EditingRefusedException 404 no such file, 422 no editor for its type, 403 not
     *     allowed to read it (audited)
     */
    public Check check(FilePath path, WorkspaceUser user) {
        StoredFile file = store.find(path)
                .filter(found -> !found.folder())
                .orElseThrow(() -> refuse(user, path.toString(), null, 404, "no file " + path));
        EditorKind editor = properties.editorForFile(path.name());
        if (editor == null) {
            throw refuse(user, path.toString(), null, 422, "no editor is configured for this type of file");
        }
        FileLabels.Effective label = labels.effective(file);
        AccessDecision read = policy.decide(user, label.label(), FileAction.READ);
        if (!read.allowed()) {
            throw refuse(user, path.toString(), label.label() == null ? null : label.label().level(), 403, read.reason());
        }
        return new Check(file, editor, read.stepUpRequired());
    }

    /**
     * Opens the session. The caller made sure of the step-up the check asked for.
     *
     * @param edit whether to open for editing (else viewing)
     * @param language the person's language ({@code zh-TW}, {@code en})
     * @throws EditingRefusedException 503 when the editor cannot be reached, 422 when it cannot
     *     open this type of file
     */
    public Launch open(Check check, WorkspaceUser user, boolean edit, Locale language) {
        StoredFile file = check.file();
        // Judged as the WOPI host will judge every request: the directory's clearance, not the
        // sign-in's (which may be older).
        EditingAccess.Caller judged;
        try {
            judged = access.judge(null, null, access.currentUser(user.login()), file);
        } catch (WopiRefusal e) {
            throw refuse(user, file.path().toString(), null, 403, e.getMessage());
        }
        Set<EditorPermission> permissions = EnumSet.noneOf(EditorPermission.class);
        permissions.addAll(judged.permissions());
        if (!edit) {
            permissions.remove(EditorPermission.EDIT);
        }
        String fileId = records.fileIdFor(file.path(), file.fileId());
        String sessionId = UUID.randomUUID().toString();
        String wopiSrc = wopi.wopiSrc(fileId);
        String editorUrl;
        String token = null;
        long tokenTtl = 0;
        Map<String, Object> config = null;
        if (check.editor() == EditorKind.COLLABORA) {
            editorUrl = collaboraUrl(file, wopiSrc, permissions.contains(EditorPermission.EDIT), language, user);
            // WOPI needs the token in the page's form post; it dies with the session (Unlock).
            WopiAccessToken grant = new WopiAccessToken(user.login(), fileId, permissions, sessionId,
                    clock.instant().plus(properties.tokenTtl()));
            token = tokens.issue(grant);
            tokenTtl = grant.ttlMillis();
        } else {
            // ONLYOFFICE's Document Server downloads document.url itself, with its JWT, right
            // after the editor starts: the page carries only a fetch token good for minutes.
            String fetchToken = tokens.issueFetch(new DocumentFetchGrant(user.login(), fileId, sessionId,
                    clock.instant().plus(properties.onlyoffice().fetchTokenTtl())));
            String key = OnlyOfficeEditorConfig.documentKey(properties.onlyoffice().instance(), fileId, file.etag());
            records.rememberKey(key, fileId, file.etag());
            config = OnlyOfficeEditorConfig.build(new OnlyOfficeEditorConfig.Request(fileId, file.etag(),
                    file.path().name(), OnlyOfficeDownloads.documentUrl(access.publicBase(), fileId, fetchToken),
                    access.publicBase() + "/api/files/editing/onlyoffice/callback/" + fileId, user.login(),
                    user.displayName(), permissions, language.getLanguage()), key, editors.onlyOfficeJwt());
            editorUrl = trimSlash(properties.onlyoffice().url().toString()) + "/web-apps/apps/api/documents/api.js";
        }
        records.openSession(sessionId, fileId, user.login(), check.editor());
        Map<String, String> details = new HashMap<>();
        details.put("session", sessionId);
        details.put("editor", check.editor().code());
        details.put("mode", permissions.contains(EditorPermission.EDIT) ? "edit" : "view");
        details.put("permissions", String.join(",", permissions.stream().map(Enum::name).sorted().toList()));
        audit.record(AuditEvent.of("office.open", "file").actor(user.login(), user.displayName())
                .target("file", file.path().toString(), judged.level()).success().details(details).build());
        return new Launch(sessionId, check.editor().code(), fileId, file.path().toString(), judged.level(),
                judged.classified() ? scheme.level(judged.level()).marking() : null, wopiSrc, token, tokenTtl, editorUrl,
                Set.copyOf(permissions), config);
    }

    /** The file's WOPI id (also its ONLYOFFICE {@code referenceData.fileKey}). */
    public String fileIdOf(StoredFile file) {
        return records.fileIdFor(file.path(), file.fileId());
    }

    private String collaboraUrl(StoredFile file, String wopiSrc, boolean edit, Locale language, WorkspaceUser user) {
        String extension = WopiHost.extension(file.path().name());
        String urlsrc;
        try {
            var discovery = editors.collaboraDiscovery().current();
            // A type with no "view" action opens through "edit": CheckFileInfo's UserCanWrite
            // and ReadOnly keep it read-only, and the host refuses every save anyway.
            urlsrc = (edit ? discovery.urlsrc(extension, "edit") : java.util.Optional.<String>empty())
                    .or(() -> discovery.urlsrc(extension, "view"))
                    .or(() -> discovery.urlsrc(extension, "edit"))
                    .orElseThrow(() -> refuse(user, file.path().toString(), null, 422,
                            "the editor cannot open ." + extension + " files"));
        } catch (UncheckedIOException | OfficeProtocolException e) {
            throw refuse(user, file.path().toString(), null, 503, "the editor cannot be reached: " + e.getMessage());
        }
        return editorUrl(urlsrc, wopiSrc, language);
    }

    /** The discovery {@code urlsrc} with {@code WOPISrc} and the language appended. */
    static String editorUrl(String urlsrc, String wopiSrc, Locale language) {
        // Discovery may carry optional placeholders (<ui=UI_LLCC&>); they are dropped.
        String url = urlsrc.replaceAll("<[^>]*>", "");
        String separator = url.endsWith("?") || url.endsWith("&") ? "" : url.contains("?") ? "&" : "?";
        return url + separator + "WOPISrc=" + URLEncoder.encode(wopiSrc, StandardCharsets.UTF_8)
                + "&lang=" + language.toLanguageTag();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private EditingRefusedException refuse(WorkspaceUser user, String path, String level, int status, String reason) {
        audit.record(AuditEvent.of("office.open", "file").actor(user.login(), user.displayName())
                .target("file", path, level).failure(reason)
                .details(Map.of("status", Integer.toString(status))).build());
        return new EditingRefusedException(status, reason);
    }
}

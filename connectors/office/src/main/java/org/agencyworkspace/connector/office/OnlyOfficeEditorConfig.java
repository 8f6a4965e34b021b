package org.agencyworkspace.connector.office;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the config object handed to {@code new DocsAPI.DocEditor(…)}, signed: since
 * ONLYOFFICE 7.1 the Document Server checks every field sent against the token, and uses the
 * token's copy, so the permissions a user gets are the ones signed here.
 */
public final class OnlyOfficeEditorConfig {

    /**
     * One document opened by one user.
     *
     * @param fileId the stable file id (also {@code referenceData.fileKey})
     * @param version the file's version (ETag); the key changes with it
     * @param title the file name
     * @param documentUrl where the Document Server downloads the file
     * @param callbackUrl where it posts status callbacks
     * @param userId an opaque user id
     * @param userName the name shown to co-editors
     * @param permissions what the user may do
     * @param language two-letter UI language ({@code zh}, {@code en})
     */
    public record Request(String fileId, String version, String title, String documentUrl,
            String callbackUrl, String userId, String userName, Set<EditorPermission> permissions,
            String language) {

        public Request {
            Objects.requireNonNull(fileId, "fileId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(title, "title");
            permissions = Set.copyOf(permissions);
        }
    }

    private static final int MAX_TEXT = 128;

    private OnlyOfficeEditorConfig() {
    }

    /**
     * A document key from the file id and version: the same for everyone opening this version
     * (they join one co-editing session), new after every save. {@code instance} keeps keys of
     * this workspace apart from other integrators sharing the Document Server. 43 characters of
     * base64url, inside ONLYOFFICE's {@code 0-9 a-z A-Z - _} charset and 128-character limit.
     */
    public static String documentKey(String instance, String fileId, String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (instance + "\n" + fileId + "\n" + version).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The signed config: the plain fields plus {@code token} over all of them. */
    public static Map<String, Object> build(Request request, String documentKey, OnlyOfficeJwt jwt) {
        String fileType = extension(request.title());
        boolean edit = request.permissions().contains(EditorPermission.EDIT);
        Map<String, Object> permissions = new LinkedHashMap<>();
        permissions.put("edit", edit);
        permissions.put("review", edit);
        permissions.put("comment", edit);
        permissions.put("fillForms", edit);
        permissions.put("download", request.permissions().contains(EditorPermission.EXPORT));
        permissions.put("print", request.permissions().contains(EditorPermission.PRINT));
        permissions.put("copy", request.permissions().contains(EditorPermission.COPY));

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("fileType", fileType);
        document.put("key", documentKey);
        document.put("title", clip(request.title()));
        document.put("url", request.documentUrl());
        document.put("referenceData", Map.of("fileKey", request.fileId(), "instanceId", "agency-workspace"));
        document.put("permissions", permissions);

        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", clip(request.userId()));
        user.put("name", clip(request.userName()));

        Map<String, Object> customization = new LinkedHashMap<>();
        customization.put("forcesave", edit);

        Map<String, Object> editorConfig = new LinkedHashMap<>();
        editorConfig.put("callbackUrl", request.callbackUrl());
        editorConfig.put("mode", edit ? "edit" : "view");
        editorConfig.put("lang", request.language());
        editorConfig.put("user", user);
        editorConfig.put("customization", customization);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("documentType", documentType(fileType));
        config.put("document", document);
        config.put("editorConfig", editorConfig);
        config.put("token", jwt.sign(config));
        return config;
    }

    static String documentType(String fileType) {
        return switch (fileType) {
            case "xlsx", "xls", "ods", "csv", "xlsm" -> "cell";
            case "pptx", "ppt", "odp", "ppsx" -> "slide";
            case "pdf" -> "pdf";
            default -> "word";
        };
    }

    private static String extension(String title) {
        int dot = title.lastIndexOf('.');
        return dot < 0 ? "" : title.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}

package org.agencyworkspace.files.editing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Office editing in the browser ({@code workspace.editing.*}): Collabora Online over WOPI and
 * ONLYOFFICE Docs. With neither editor's URL set, editing is off and files open only through
 * the ordinary preview and download.
 *
 * @param tokenSecret the HS256 secret of WOPI access tokens, at least 32 bytes
 *     ({@code WORKSPACE_EDITING_TOKEN_SECRET}); blank on the embedded default means a random
 *     one per start (open editors then need reopening after a restart)
 * @param tokenTtl how long a Collabora access token works ({@code access_token_ttl}) at most;
 *     ~10 hours is what the editors expect. It works only while its editing session is open: the
 *     session's close (WOPI Unlock) ends it sooner
 * @param maxFileSize the largest save accepted (PutFile, PutRelativeFile, ONLYOFFICE results)
 * @param lockExpiry how long a WOPI lock lasts without a refresh (30 minutes by the protocol)
 * @param collabora Collabora Online
 * @param onlyoffice ONLYOFFICE Docs
 */
@Validated
@ConfigurationProperties(prefix = "workspace.editing", ignoreUnknownFields = false)
public record EditingProperties(
        String tokenSecret,
        @NotNull @DefaultValue("10h") Duration tokenTtl,
        @NotNull @DefaultValue("100MB") DataSize maxFileSize,
        @NotNull @DefaultValue("30m") Duration lockExpiry,
        @Valid @NotNull @DefaultValue Collabora collabora,
        @Valid @NotNull @DefaultValue OnlyOffice onlyoffice) {

    /**
     * @param url the Collabora server ({@code https://collabora.example}); discovery is at
     *     {@code /hosting/discovery}; blank: not used
     * @param discoveryMaxAge how long discovery is kept before it is fetched again
     * @param requireProof whether requests must carry a valid proof signature when discovery has
     *     a proof key (always on in production; a Collabora without {@code proof_key} signs nothing)
     */
    public record Collabora(URI url,
            @NotNull @DefaultValue("12h") Duration discoveryMaxAge,
            @DefaultValue("true") boolean requireProof) {

        public boolean enabled() {
            return url != null && !url.toString().isBlank();
        }
    }

    /**
     * @param url the Document Server ({@code https://onlyoffice.example}); blank: not used
     * @param jwtSecret its JWT secret ({@code JWT_SECRET}, {@code WORKSPACE_ONLYOFFICE_JWT_SECRET})
     * @param extensions file types opened in ONLYOFFICE when Collabora is configured too; with
     *     only ONLYOFFICE configured it opens everything it can
     * @param instance a name for this workspace, mixed into document keys so two integrators
     *     sharing one Document Server never share a key
     * @param fetchTokenTtl how long the Document Server's download link works after the editor
     *     page was served (it fetches within seconds of the editor starting); at most 15 minutes,
     *     since the link sits in the page's signed config
     */
    public record OnlyOffice(URI url, String jwtSecret,
            @NotNull @DefaultValue({"docx", "xlsx", "pptx"}) List<String> extensions,
            @NotNull @DefaultValue("agency-workspace") String instance,
            @NotNull @DefaultValue("5m") Duration fetchTokenTtl) {

        @AssertTrue(message = "workspace.editing.onlyoffice.fetch-token-ttl must be between 10s and 15m")
        public boolean isFetchTokenTtlShort() {
            return fetchTokenTtl == null || (fetchTokenTtl.compareTo(Duration.ofSeconds(10)) >= 0
                    && fetchTokenTtl.compareTo(Duration.ofMinutes(15)) <= 0);
        }

        public boolean enabled() {
            return url != null && !url.toString().isBlank();
        }

        public boolean opens(String extension) {
            return extensions.stream().anyMatch(ext -> ext.equalsIgnoreCase(extension));
        }

        @AssertTrue(message = "workspace.editing.onlyoffice.jwt-secret must be at least 32 bytes when ONLYOFFICE is used")
        public boolean isSecretSet() {
            return !enabled() || (jwtSecret != null && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32);
        }
    }

    /** Which editor opens a file with this extension; null when none is configured for it. */
    public EditorKind editorFor(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        if (onlyoffice.enabled() && (!collabora.enabled() || onlyoffice.opens(ext))) {
            return EditorKind.ONLYOFFICE;
        }
        return collabora.enabled() ? EditorKind.COLLABORA : null;
    }

    /** Which editor opens the file called {@code name}; null when none is configured for it. */
    public EditorKind editorForFile(String name) {
        return editorFor(WopiHost.extension(name));
    }

    @AssertTrue(message = "workspace.editing.token-secret must be at least 32 bytes")
    public boolean isTokenSecretLongEnough() {
        return tokenSecret == null || tokenSecret.isBlank()
                || tokenSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= 32;
    }
}

package org.agencyworkspace.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The workspace-wide settings as application.yaml ships them, for tests that build parts by hand. */
public final class TestWorkspaceProperties {

    public static final URI PUBLIC_URL = URI.create("https://workspace.agency.test/");

    private TestWorkspaceProperties() {
    }

    /** Asia/Taipei, zh-TW and English, {@link #PUBLIC_URL}. */
    public static WorkspaceProperties defaults() {
        return withPublicUrl(PUBLIC_URL);
    }

    public static WorkspaceProperties withPublicUrl(URI publicUrl) {
        return new WorkspaceProperties(Path.of("data"), Path.of("logs"), Locale.forLanguageTag("zh-TW"),
                List.of(Locale.forLanguageTag("zh-TW"), Locale.ENGLISH), ZoneId.of("Asia/Taipei"),
                publicUrl);
    }
}

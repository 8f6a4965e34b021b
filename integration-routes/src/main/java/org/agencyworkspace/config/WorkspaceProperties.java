package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by the whole workspace ({@code workspace.*}).
 *
 * @param dataDir folder for the embedded database, generated keys and first credentials; created
 *     when missing
 * @param logDir folder for the JSON log files
 * @param defaultLocale language shown when the browser asks for none we support
 * @param supportedLocales languages of the user interface and notifications
 * @param timeZone the agency's time zone: calendar days, times of day and the times people read
 *     are in it
 * @param publicUrl this workspace's address as people and other servers reach it; links in
 *     notices and mails start with it
 */
@Validated
@ConfigurationProperties(prefix = "workspace")
public record WorkspaceProperties(
        @NotNull @DefaultValue("data") Path dataDir,
        @NotNull @DefaultValue("logs") Path logDir,
        @NotNull @DefaultValue("zh-TW") Locale defaultLocale,
        @NotEmpty @DefaultValue({"zh-TW", "en"}) List<Locale> supportedLocales,
        @NotNull @DefaultValue("Asia/Taipei") ZoneId timeZone,
        @NotNull @DefaultValue("http://127.0.0.1:8080") URI publicUrl) {

    @AssertTrue(message = "workspace.default-locale must be one of workspace.supported-locales")
    public boolean isDefaultLocaleSupported() {
        return supportedLocales.contains(defaultLocale);
    }

    @AssertTrue(message = "workspace.public-url must be an absolute http(s) address")
    public boolean isPublicUrlAbsolute() {
        return publicUrl.isAbsolute() && ("https".equals(publicUrl.getScheme())
                || "http".equals(publicUrl.getScheme())) && publicUrl.getHost() != null;
    }

    /** A test JVM never works in a checkout's own data folder (issue 22). */
    public WorkspaceProperties {
        if (dataDir != null) {
            CheckoutDataGuard.refuseInTests(dataDir);
        }
    }

    /** {@link #publicUrl()} without a trailing slash, so that {@code base() + "/path"} is right. */
    public String publicBase() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
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
 */
@Validated
@ConfigurationProperties(prefix = "workspace")
public record WorkspaceProperties(
        @NotNull @DefaultValue("data") Path dataDir,
        @NotNull @DefaultValue("logs") Path logDir,
        @NotNull @DefaultValue("zh-TW") Locale defaultLocale,
        @NotEmpty @DefaultValue({"zh-TW", "en"}) List<Locale> supportedLocales) {

    @AssertTrue(message = "workspace.default-locale must be one of workspace.supported-locales")
    public boolean isDefaultLocaleSupported() {
        return supportedLocales.contains(defaultLocale);
    }
}

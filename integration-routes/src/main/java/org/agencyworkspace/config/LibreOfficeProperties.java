package org.agencyworkspace.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * LibreOffice used for headless conversion ({@code workspace.connectors.libreoffice.*}). Not
 * configured while {@code office-home} is empty.
 *
 * @param officeHome installation folder holding {@code program/soffice}, e.g.
 *     {@code /usr/lib/libreoffice}
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.libreoffice", ignoreUnknownFields = false)
public record LibreOfficeProperties(Path officeHome) {

    public boolean isConfigured() {
        return officeHome != null;
    }
}

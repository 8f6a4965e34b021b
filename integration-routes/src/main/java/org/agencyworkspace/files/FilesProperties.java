package org.agencyworkspace.files;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Files ({@code workspace.files.*}).
 *
 * @param shareGuard the scan that removes shares a file's level forbids
 */
@Validated
@ConfigurationProperties(prefix = "workspace.files", ignoreUnknownFields = false)
public record FilesProperties(@Valid @NotNull @DefaultValue ShareGuard shareGuard) {

    /**
     * @param enabled whether shares are scanned (off for a store without sharing, such as the
     *     local stack's plain WebDAV server)
     * @param interval time between full scans; a label change is checked at once
     */
    public record ShareGuard(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("15m") Duration interval) {

        @AssertTrue(message = "interval must be at least 10 seconds")
        public boolean isIntervalSensible() {
            return interval == null || interval.toSeconds() >= 10;
        }
    }
}

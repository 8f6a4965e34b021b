package org.agencyworkspace.files;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Files ({@code workspace.files.*}).
 *
 * @param shareGuard the scan that removes shares a file's level forbids
 * @param bundle folders exported as one marked PDF
 * @param labelReview reminders of provisional labels and declassification on the set date
 * @param versions the earlier contents kept of each file
 */
@Validated
@ConfigurationProperties(prefix = "workspace.files", ignoreUnknownFields = false)
public record FilesProperties(
        @Valid @NotNull @DefaultValue ShareGuard shareGuard,
        @Valid @NotNull @DefaultValue Bundle bundle,
        @Valid @NotNull @DefaultValue LabelReview labelReview,
        @Valid @NotNull @DefaultValue Versions versions) {

    /**
     * @param keep how many earlier contents of a file are kept (the oldest go first); each
     *     overwrite (upload of the same name, an editor's save, a restored version) keeps one
     */
    public record Versions(@Min(1) @Max(1000) @DefaultValue("20") int keep) {
    }

    /**
     * @param maxFiles the most files one bundle holds (with {@code workspace.watermark.max-pages}
     *     and {@code max-input-megabytes} bounding its pages and bytes)
     */
    public record Bundle(@Min(1) @Max(10_000) @DefaultValue("200") int maxFiles) {
    }

    /**
     * @param enabled whether labels are reviewed on a schedule
     * @param interval time between reviews: provisional labels past their decision deadline are
     *     reminded (again each week while still undecided), labels whose declassification date
     *     has come are lifted
     */
    public record LabelReview(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("1h") Duration interval) {

        @AssertTrue(message = "interval must be at least 10 seconds")
        public boolean isIntervalSensible() {
            return interval == null || interval.toSeconds() >= 10;
        }
    }


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

package org.agencyworkspace.platform.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The central audit log ({@code workspace.audit.*}).
 *
 * @param shipping shipping the audit chain to Elasticsearch (when its connector is configured)
 * @param retention how long Elasticsearch keeps audit events and logs (the database keeps the
 *     chain itself; it is never pruned by the workspace)
 * @param chain the chain's key and its anchors outside the database
 */
@Validated
@ConfigurationProperties(prefix = "workspace.audit", ignoreUnknownFields = false)
public record AuditProperties(@Valid @NotNull @DefaultValue Shipping shipping,
        @Valid @NotNull @DefaultValue Retention retention,
        @Valid @NotNull @DefaultValue Chain chain) {

    /**
     * @param key the chain key, base64 of at least 32 bytes ({@code WORKSPACE_AUDIT_CHAIN_KEY},
     *     from a secret store); blank: the key file
     * @param keyFile the key file, made with a random key (mode 600) at the first start when
     *     missing; blank: {@code <data-dir>/audit-chain.key}. Keep it out of database backups
     * @param anchorFile where anchors are appended; blank: {@code <log-dir>/audit-anchors.jsonl}
     * @param anchorInterval how often the head is anchored when it moved: the most an attacker
     *     with database access can delete unseen is what was written since the last anchor
     */
    public record Chain(String key, Path keyFile, Path anchorFile,
            @NotNull @DefaultValue("1m") Duration anchorInterval) {

        @AssertTrue(message = "workspace.audit.chain.anchor-interval must be between 1s and 1h")
        public boolean isAnchorIntervalSensible() {
            return anchorInterval == null || (anchorInterval.compareTo(Duration.ofSeconds(1)) >= 0
                    && anchorInterval.compareTo(Duration.ofHours(1)) <= 0);
        }
    }

    /**
     * @param enabled ship when Elasticsearch is configured
     * @param batchSize events per {@code _bulk} request; one request in flight at a time
     * @param pollInterval how often to look for new events when caught up
     * @param initialBackoff first wait after Elasticsearch failed or asked to retry
     * @param maxBackoff longest wait between attempts while it stays down
     * @param logs also ship the application's ECS JSON log file ({@code <log-dir>/workspace.json})
     */
    public record Shipping(@DefaultValue("true") boolean enabled,
            @Min(1) @Max(10_000) @DefaultValue("1000") int batchSize,
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @NotNull @DefaultValue("1s") Duration initialBackoff,
            @NotNull @DefaultValue("60s") Duration maxBackoff,
            @DefaultValue("true") boolean logs) {
    }

    /**
     * @param audit keep audit events this long after the end of their month
     * @param logs keep application logs this long after the end of their month
     * @param checkInterval how often expired months are deleted
     */
    public record Retention(@NotNull @DefaultValue("400d") Duration audit,
            @NotNull @DefaultValue("30d") Duration logs,
            @NotNull @DefaultValue("6h") Duration checkInterval) {
    }
}

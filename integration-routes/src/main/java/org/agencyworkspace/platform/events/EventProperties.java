package org.agencyworkspace.platform.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of domain events to routes ({@code workspace.events.*}).
 *
 * @param pollInterval how often the dispatch route looks for new events
 * @param batchSize at most this many events per look
 * @param retention how long dispatched events stay in the event log
 */
@Validated
@ConfigurationProperties(prefix = "workspace.events", ignoreUnknownFields = false)
public record EventProperties(
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @Min(1) @Max(1000) @DefaultValue("100") int batchSize,
        @NotNull @DefaultValue("30d") Duration retention) {
}

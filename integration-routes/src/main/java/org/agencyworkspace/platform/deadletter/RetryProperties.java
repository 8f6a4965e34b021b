package org.agencyworkspace.platform.deadletter;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How routes retry transient failures before a message goes to the dead-letter store
 * ({@code workspace.retry.*}). Permanent failures (refusals, invalid input) are never retried.
 *
 * @param maxRedeliveries retries after the first failure
 * @param initialDelay wait before the first retry
 * @param backoffMultiplier each further wait is this many times the one before
 * @param maxDelay the longest wait between two retries
 */
@Validated
@ConfigurationProperties(prefix = "workspace.retry", ignoreUnknownFields = false)
public record RetryProperties(
        @Min(0) @Max(100) @DefaultValue("3") int maxRedeliveries,
        @NotNull @DefaultValue("1s") Duration initialDelay,
        @DecimalMin("1.0") @DefaultValue("2.0") double backoffMultiplier,
        @NotNull @DefaultValue("1m") Duration maxDelay) {
}

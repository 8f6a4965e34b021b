package org.agencyworkspace.health;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often outside systems are checked ({@code workspace.connectors.status.*}).
 *
 * @param cacheTtl how long one check's result is reused by health and the home page; keeps a
 *     busy health endpoint from hammering the outside systems
 * @param watchInterval how often the connector-watch route checks every system and reports
 *     changes to administrators
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.status", ignoreUnknownFields = false)
public record ConnectorStatusProperties(
        @NotNull @DefaultValue("5s") Duration cacheTtl,
        @NotNull @DefaultValue("30s") Duration watchInterval) {
}

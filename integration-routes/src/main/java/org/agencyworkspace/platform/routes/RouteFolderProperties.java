package org.agencyworkspace.platform.routes;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Integrators' YAML routes ({@code workspace.routes.*}).
 *
 * @param folder folder scanned for {@code *.yaml} and {@code *.yml} route files, with
 *     sub-folders; created when missing
 * @param reload whether files added, changed or removed while running are picked up
 * @param scanInterval how often the folder is checked for changes when reload is on
 */
@Validated
@ConfigurationProperties(prefix = "workspace.routes", ignoreUnknownFields = false)
public record RouteFolderProperties(
        @NotNull @DefaultValue("routes") Path folder,
        @DefaultValue("true") boolean reload,
        @NotNull @DefaultValue("2s") Duration scanInterval) {
}

package org.agencyworkspace.chat;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Element Web as the deployment serves it ({@code workspace.element.*}); the workspace generates
 * its {@code config.json} ({@link ElementWebConfig}).
 *
 * @param homeserverUrl the homeserver's public address as browsers reach it; empty: not deployed
 * @param serverName the homeserver's name (the part after {@code :} in user ids)
 * @param brand the name Element shows
 */
@Validated
@ConfigurationProperties(prefix = "workspace.element", ignoreUnknownFields = false)
public record ElementProperties(
        URI homeserverUrl,
        String serverName,
        @DefaultValue("Agency Workspace") String brand) {

    public boolean isConfigured() {
        return homeserverUrl != null && serverName != null && !serverName.isBlank();
    }
}

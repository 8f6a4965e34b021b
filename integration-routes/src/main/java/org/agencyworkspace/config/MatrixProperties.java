package org.agencyworkspace.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Matrix connector ({@code workspace.connectors.matrix.*}). Not configured while
 * {@code homeserver-url} is empty.
 *
 * @param homeserverUrl Client-Server API base, e.g. {@code http://127.0.0.1:8008}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.matrix", ignoreUnknownFields = false)
public record MatrixProperties(
        URI homeserverUrl,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("10s") Duration requestTimeout) {

    public boolean isConfigured() {
        return homeserverUrl != null;
    }
}

package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Elasticsearch connector ({@code workspace.connectors.elasticsearch.*}). Not configured while
 * {@code url} is empty.
 *
 * @param url HTTP endpoint of a node, e.g. {@code http://127.0.0.1:9200}
 * @param username basic-auth user; empty when security is off
 * @param password basic-auth password; never logged
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param indexPrefix first part of the index and template names ({@code <prefix>-audit-*},
 *     {@code <prefix>-logs-*})
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.elasticsearch", ignoreUnknownFields = false)
public record ElasticsearchProperties(
        URI url,
        String username,
        String password,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,60}") @DefaultValue("workspace") String indexPrefix) {

    public boolean isConfigured() {
        return url != null;
    }

    @AssertTrue(message = "username and password go together")
    public boolean isCredentialsPaired() {
        return (username == null || username.isEmpty()) == (password == null || password.isEmpty());
    }

    @Override
    public String toString() {
        return "ElasticsearchProperties[url=" + url + ", username=" + username + ", password=******, indexPrefix=" + indexPrefix + "]";
    }
}

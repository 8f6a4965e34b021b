package org.agencyworkspace.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
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
 */
@Validated
@ConfigurationProperties(prefix = "workspace.connectors.elasticsearch", ignoreUnknownFields = false)
public record ElasticsearchProperties(
        URI url,
        String username,
        String password,
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout) {

    public boolean isConfigured() {
        return url != null;
    }

    @AssertTrue(message = "username and password go together")
    public boolean isCredentialsPaired() {
        return (username == null || username.isEmpty()) == (password == null || password.isEmpty());
    }

    @Override
    public String toString() {
        return "ElasticsearchProperties[url=" + url + ", username=" + username + ", password=******]";
    }
}

package org.agencyworkspace.platform.idempotency;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the shared repository {@code workspaceIdempotentRepository} for routes that cannot
 * ask {@link IdempotentRepositories} for their own, such as YAML routes. Keys there must start
 * with something unique to the route, for example {@code my-route:} plus the event id.
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    @Bean
    JdbcMessageIdRepository workspaceIdempotentRepository(IdempotentRepositories repositories) {
        return repositories.forProcessor("workspace-shared");
    }
}

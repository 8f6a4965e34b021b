package org.agencyworkspace.it;

import java.nio.file.Path;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Expense claims on a real PostgreSQL (started by {@code deploy/local/stack up postgres}), in a
 * schema of its own that is dropped afterwards.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpensesPostgresIT extends AbstractExpensesIT {

    static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
        SCHEMA.register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropTestSchema() {
            return SCHEMA.dropWhenStopped();
        }
    }

    @Override
    Path dataDir() {
        return dataDir;
    }
}

package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared plumbing on a real PostgreSQL (started by {@code deploy/local/stack up postgres}),
 * in a schema of its own that is dropped afterwards.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresWorkspaceIT extends AbstractWorkspaceIT {

    static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

    @TempDir
    static Path base;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        workspaceFolders(registry, base);
        SCHEMA.register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropTestSchema() {
            return SCHEMA.dropWhenStopped();
        }
    }

    @Test
    void runsOnPostgresqlWithTheMigratedSchema() {
        JdbcClient jdbc = JdbcClient.create(dataSource);

        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
        assertThat(jdbc.sql("SELECT current_schema()").query(String.class).single()).isEqualTo(SCHEMA.name);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version = '1'")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT username FROM local_account_role WHERE role = 'admin'")
                .query(String.class).list()).containsExactly("bob");
        assertThat(jdbc.sql("SELECT name_zh FROM department WHERE code = 'it'")
                .query(String.class).single()).isEqualTo("資訊處");
    }

    @Override
    Path baseFolder() {
        return base;
    }
}

package org.agencyworkspace.files.editing;

import java.net.URI;
import java.util.UUID;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.connector.nextcloud.NextcloudConnector;
import org.agencyworkspace.connector.nextcloud.WriteCondition;
import org.agencyworkspace.it.PostgresTestSchema;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Office editing on the production parts of deploy/local: the files on the real WebDAV server
 * (Apache laid out as Nextcloud, profile {@code webdav}; GetFile streams from it, saves are
 * If-Match uploads to it) and the locks, ids and sessions in the real PostgreSQL, in a schema of
 * its own.
 */
@DirtiesContext
@ActiveProfiles("webdav")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeEditingWebDavIT extends AbstractOfficeEditingIT {

    static final PostgresTestSchema SCHEMA = new PostgresTestSchema();
    static final String TOP = "/it-office-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        editing(registry);
        SCHEMA.register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropTestSchema() {
            return SCHEMA.dropWhenStopped();
        }
    }

    @org.junit.jupiter.api.Test
    void keepsItsRecordsInPostgresql() {
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT version()").query(String.class).single())
                .startsWith("PostgreSQL");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history "
                + "WHERE success AND version = '9'").query(Long.class).single()).isEqualTo(1L);
    }

    @Override
    String topFolder() {
        return TOP;
    }

    @AfterAll
    static void removeFolder() {
        try (NextcloudConnector nextcloud = NextcloudConnector.builder()
                .davUrl(URI.create(StackEnvironment.require("WORKSPACE_WEBDAV_URL")))
                .credentials(StackEnvironment.require("WORKSPACE_WEBDAV_USER"),
                        StackEnvironment.require("WORKSPACE_WEBDAV_PASSWORD"))
                .plainUploadOnly().build()) {
            nextcloud.files().delete(FilePath.of(TOP), WriteCondition.none());
        }
    }
}

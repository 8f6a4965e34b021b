package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.agencyworkspace.config.NextcloudProperties;
import org.agencyworkspace.files.labels.LabelRecords;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.audit.JdbcAuditTrail;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The source's settings bind under workspace.security.sources, checked like the rest, and switch it on. */
class NextcloudAuditLogSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Bound {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NextcloudProperties.class)
    static class WithNextcloud {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void offWithoutAPathAndBoundWithOne() {
        context.run(started -> assertThat(started.getBean(SecurityProperties.class).sources()
                .nextcloudAuditLog().path()).isNull());
        context.withPropertyValues("workspace.security.sources.nextcloud-audit-log.path=/var/nextcloud/data/audit.log",
                "workspace.security.sources.nextcloud-audit-log.poll-interval=2s").run(started -> {
                    SecurityProperties.NextcloudAuditLog settings = started.getBean(SecurityProperties.class)
                            .sources().nextcloudAuditLog();
                    assertThat(settings.path()).isEqualTo(Path.of("/var/nextcloud/data/audit.log"));
                    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(settings.enabled()).isTrue();
                    assertThat(settings.batchSize()).isEqualTo(500);
                });
    }

    @Test
    void theSourceIsWiredOnlyWhenAPathIsSetAndReadsIt(@TempDir Path folder) throws java.io.IOException {
        TestDatabase database = new TestDatabase();
        Path log = folder.resolve("audit.log");
        Files.writeString(log, NextcloudAuditLogMapperTest.line("--", "Login failed: \"bob\"") + "\n");
        ApplicationContextRunner wired = context
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(NextcloudAuditLogConfiguration.class)
                .withBean(JdbcClient.class, database::jdbc)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(database.dataSource()))
                .withBean(AuditCursors.class, () -> new AuditCursors(database.jdbc()))
                .withBean(LabelRecords.class, () -> new LabelRecords(database.jdbc(), new ObjectMapper(), Clock.systemUTC()))
                .withBean(AuditTrail.class, () -> new JdbcAuditTrail(database.jdbc(), new ObjectMapper(),
                        new DataSourceTransactionManager(database.dataSource())));
        wired.withUserConfiguration(WithNextcloud.class).run(started ->
                assertThat(started).hasNotFailed().doesNotHaveBean(NextcloudAuditLogSource.class));
        wired.withUserConfiguration(WithNextcloud.class)
                .withPropertyValues("workspace.security.sources.nextcloud-audit-log.path=" + log,
                        "workspace.security.sources.nextcloud-audit-log.enabled=false")
                .run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(NextcloudAuditLogSource.class));
        wired.withUserConfiguration(WithNextcloud.class)
                .withPropertyValues("workspace.security.sources.nextcloud-audit-log.path=" + log)
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(NextcloudAuditLogSource.class).poll()).isEqualTo(1);
                });
        assertThat(database.jdbc().sql("SELECT action FROM audit_event").query(String.class).list())
                .containsExactly("login.failure");
    }

    @Test
    void theKeycloakSourcesSettingsAreAcceptedToo() {
        context.withPropertyValues("workspace.security.keycloak-events.enabled=false",
                "workspace.security.keycloak-events.poll-interval=10s").run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(SecurityProperties.class).keycloakEvents().enabled()).isFalse();
                });
    }

    @Test
    void aMistypedOrOutOfRangeSettingIsRefused() {
        context.withPropertyValues("workspace.security.sources.nextcloud-audit-log.pth=/x")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("workspace.security.sources.nextcloud-audit-log.batch-size=0")
                .run(started -> assertThat(started).hasFailed());
    }
}

package org.agencyworkspace.security.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.agencyworkspace.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The source's settings bind under workspace.security.sources, checked like the rest. */
class NextcloudAuditLogSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Bound {
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

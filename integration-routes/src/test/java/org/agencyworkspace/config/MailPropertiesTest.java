package org.agencyworkspace.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.agencyworkspace.connector.mail.MailSender;
import org.agencyworkspace.connector.mail.SmtpMailSender;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code workspace.mail.*}: off without a host, one sender built from valid settings, bad ones refused. */
class MailPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MailProperties.class)
    @Import(ConnectorClients.class)
    static class Mail {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Mail.class);

    @Test
    void withoutAHostThereIsNoMailSender() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(MailSender.class);
        });
    }

    @Test
    void aHostAndFromBuildOneSmtpSender() {
        context.withPropertyValues("workspace.mail.host=smtp.agency.example", "workspace.mail.security=tls",
                "workspace.mail.port=465", "workspace.mail.from=workspace@agency.example").run(started -> {
                    assertThat(started).hasSingleBean(MailSender.class);
                    assertThat(started.getBean(SmtpMailSender.class).fromAddress())
                            .isEqualTo("workspace@agency.example");
                });
    }

    @Test
    void smimeSettingsThatCannotWorkStopTheStart() {
        context.withPropertyValues("workspace.mail.host=smtp.agency.example",
                "workspace.mail.from=workspace@agency.example",
                "workspace.mail.smime-keystore=/nonexistent/agency.p12")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "smime-keystore must be a readable file"));
        context.withPropertyValues("workspace.mail.host=smtp.agency.example",
                "workspace.mail.from=workspace@agency.example",
                "workspace.mail.smime-recipient-certificates=/tmp")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "needs smime-keystore"));
    }

    @Test
    void incompleteOrWrongSettingsStopTheStartNamingTheProblem() {
        context.withPropertyValues("workspace.mail.host=smtp.agency.example").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("from is required with host"));
        context.withPropertyValues("workspace.mail.host=h", "workspace.mail.from=a@b.example",
                "workspace.mail.security=ssl").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("workspace.mail.host=h", "workspace.mail.from=a@b.example",
                "workspace.mail.port=0").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("workspace.mail.host=h", "workspace.mail.from=a@b.example",
                "workspace.mail.username=u").run(started ->
                        assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("together"));
        context.withPropertyValues("workspace.mail.host=h", "workspace.mail.from=not-an-address")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "from is not a mail address"));
    }
}

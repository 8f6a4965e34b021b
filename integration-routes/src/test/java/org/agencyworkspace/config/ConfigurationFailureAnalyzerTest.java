package org.agencyworkspace.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.agencyworkspace.attendance.AttendanceProperties;
import org.agencyworkspace.files.editing.EditingProperties;
import org.agencyworkspace.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ConfigurationFailureAnalyzerTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, KeycloakProperties.class, WorkspaceProperties.class,
            AttendanceProperties.class, EditingProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void anUnknownEnumValueNamesThePropertyAndTheAllowedValues() {
        assertThat(describe("workspace.security.mode=ldap")).isEqualTo(
                "Invalid configuration: workspace.security.mode = 'ldap': must be one of local, oidc"
                        + " [from \"workspace.security.mode\" from property source \"test\"]");
    }

    @Test
    void aConstraintViolationNamesThePropertyAndTheRule() {
        assertThat(describe("workspace.security.login-throttle.max-failures=0"))
                .startsWith("Invalid configuration: workspace.security.login-throttle.max-failures = '0': "
                        + "must be greater than or equal to 1");
    }

    @Test
    void aCrossFieldRuleExplainsWhatIsMissing() {
        assertThat(describe("workspace.security.mode=oidc")).isEqualTo(
                "Invalid configuration: workspace.security: workspace.security.oidc.issuer-uri, "
                        + "client-id and client-secret are required when workspace.security.mode=oidc");
    }

    @Test
    void aMisspelledPropertyIsRefused() {
        assertThat(describe("workspace.connectors.keycloak.base-uri=http://kc"))
                .startsWith("Invalid configuration: workspace.connectors.keycloak.base-uri is not a known property");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() {
        assertThat(describe("workspace.security.login-throttle.lockout=soon"))
                .startsWith("Invalid configuration: workspace.security.login-throttle.lockout = 'soon': "
                        + "cannot be read as Duration");
    }

    @Test
    void thePublicAddressMustBeAnAbsoluteWebAddress() {
        assertThat(describe("workspace.public-url=/relative/path")).isEqualTo(
                "Invalid configuration: workspace: workspace.public-url must be an absolute http(s) address");
        assertThat(describe("workspace.public-url=ftp://files.agency.example")).isEqualTo(
                "Invalid configuration: workspace: workspace.public-url must be an absolute http(s) address");
    }

    @Test
    void theOldPerCapabilityTimeZonesAndAddressesNoLongerBindAndAreNamed() {
        assertThat(describe("workspace.attendance.time-zone=Europe/Paris"))
                .startsWith("Invalid configuration: workspace.attendance.time-zone is not a known property");
        assertThat(describe("workspace.editing.public-url=https://old.example"))
                .startsWith("Invalid configuration: workspace.editing.public-url is not a known property");
    }

    @Test
    void oneTimeZoneAndOneAddressServeEveryCapability() {
        context.withPropertyValues("workspace.time-zone=Europe/Paris",
                "workspace.public-url=https://workspace.agency.example/").run(started -> {
                    WorkspaceProperties workspace = started.getBean(WorkspaceProperties.class);
                    assertThat(workspace.timeZone()).hasToString("Europe/Paris");
                    assertThat(workspace.publicBase()).isEqualTo("https://workspace.agency.example");
                });
    }

    private String describe(String property) {
        String[] description = new String[1];
        context.withPropertyValues(property).run(started -> {
            assertThat(started).hasFailed();
            FailureAnalysis analysis = new ConfigurationFailureAnalyzer()
                    .analyze(started.getStartupFailure());
            assertThat(analysis).isNotNull();
            description[0] = analysis.getDescription();
        });
        return description[0];
    }

    @Test
    void aCheckAcrossPropertiesNamesThemInOneLine() {
        FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(new RuntimeException("bean",
                new IllegalStateException("workspace.messaging.channel=matrix needs workspace.chat.as-token")));

        assertThat(analysis.getDescription()).isEqualTo(
                "Invalid configuration: workspace.messaging.channel=matrix needs workspace.chat.as-token");
        assertThat(new ConfigurationFailureAnalyzer().analyze(new IllegalStateException("something else")))
                .isNull();
    }
}

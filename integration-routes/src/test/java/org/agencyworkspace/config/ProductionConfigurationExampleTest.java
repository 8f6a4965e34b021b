package org.agencyworkspace.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.chat.ChatProperties;
import org.agencyworkspace.chat.ElementProperties;
import org.agencyworkspace.security.SecurityProperties;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code deploy/config/application-production.yaml.example} binds as the application binds it:
 * every settings class of the workspace, with its strict keys and its validation, on top of the
 * jar's defaults, with the secrets the file names given as workspace.env would give them. And it
 * is complete: every key the Ansible role's template writes (the configuration the jar is started
 * with in ansible/tests/check.sh) is in the example too.
 */
class ProductionConfigurationExampleTest {

    private static final Path ROOT = StackEnvironment.repositoryRoot();
    private static final Path EXAMPLE = ROOT.resolve("deploy/config/application-production.yaml.example");
    private static final Path TEMPLATE = ROOT.resolve("ansible/roles/workspace/templates/application-production.yaml.j2");
    private static final Pattern SECRET = Pattern.compile("\\$\\{(WORKSPACE_[A-Z0-9_]+):}");
    private static final Pattern KEY = Pattern.compile("^( *)([a-z][a-z0-9-]*):(?: |$)");

    /** Every settings class of the application, nothing else: no database, routes or web server. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.agencyworkspace")
    static class SettingsOnly {
    }

    @Test
    void theExampleBindsAndValidatesAsTheApplicationReadsIt() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--spring.profiles.active=production",
                "--spring.config.import=file:" + EXAMPLE + "[.yaml]"));
        Matcher secrets = SECRET.matcher(Files.readString(EXAMPLE));
        while (secrets.find()) {
            arguments.add("--" + secrets.group(1) + "=example-secret-" + secrets.group(1).toLowerCase()
                    + "-0123456789abcdef");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run(arguments.toArray(String[]::new))) {
            assertThat(context.getBean(SecurityProperties.class).mode()).isEqualTo(SecurityProperties.Mode.OIDC);
            assertThat(context.getBean(WorkspaceProperties.class).publicUrl())
                    .hasToString("https://workspace.agency.example");
            assertThat(context.getBean(ChatProperties.class).asToken()).startsWith("example-secret-");
            assertThat(context.getBean(ElementProperties.class).isConfigured()).isTrue();
            assertThat(context.getBean(MailProperties.class).host()).isEqualTo("mail.agency.internal");
        }
    }

    @Test
    void everyKeyTheAnsibleTemplateWritesIsInTheExample() throws IOException {
        Set<String> template = keys(Files.readAllLines(TEMPLATE));
        Set<String> example = keys(Files.readAllLines(EXAMPLE));
        assertThat(template).contains("workspace.chat.as-token", "workspace.connectors.matrix.admin-user");
        Set<String> missing = new TreeSet<>(template);
        missing.removeAll(example);
        assertThat(missing).as("keys the Ansible template writes but the example lacks").isEmpty();
    }

    /** Dotted paths of the YAML keys written literally (Jinja-generated keys are left out). */
    private static Set<String> keys(List<String> lines) {
        Set<String> keys = new TreeSet<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        for (String line : lines) {
            if (line.startsWith("---")) {
                break; // the template's optional second document: workspace_extra_config
            }
            Matcher key = KEY.matcher(line);
            if (!key.find()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                path.pop();
            }
            indents.push(new int[] {indent});
            path.push(key.group(2));
            List<String> names = new ArrayList<>(path);
            java.util.Collections.reverse(names);
            keys.add(String.join(".", names));
        }
        return keys;
    }
}

package org.agencyworkspace.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the workspace for a one-shot command ({@code identity reconcile}, {@code audit verify}):
 * another instance may be running, so no routes, no fixed port and a quiet console. Given as
 * arguments because those outrank application.yaml and the environment.
 */
public final class CommandLineStart {

    private CommandLineStart() {
    }

    public static ConfigurableApplicationContext start(Class<?> application, String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        // No detection either: loading its rules writes an audit event, and a one-shot command
        // (audit verify above all) should leave the trail as it found it.
        arguments.addAll(List.of("--camel.main.auto-startup=false", "--server.port=0",
                "--workspace.security.detection.enabled=false"));
        return SpringApplication.run(application, quiet(arguments));
    }

    /** {@code settings} and a quiet console: no banner, warnings only. */
    public static String[] quiet(List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--logging.level.org.agencyworkspace=warn", "--logging.level.org.apache.camel=warn",
                "--logging.level.org.flywaydb=warn", "--logging.level.org.springframework=warn",
                "--logging.level.org.springframework.boot.web.embedded=warn",
                "--logging.level.org.apache.camel.spring.boot=error"));
        return arguments.toArray(String[]::new);
    }

    /** The options that are not settings ({@code --spring.*}, {@code --workspace.*}). */
    public static List<String> commandOptions(List<String> options) {
        return options.stream()
                .filter(option -> !option.startsWith("--spring.") && !option.startsWith("--workspace."))
                .toList();
    }
}

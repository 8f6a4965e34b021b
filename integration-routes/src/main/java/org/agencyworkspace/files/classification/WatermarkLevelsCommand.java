package org.agencyworkspace.files.classification;

import java.io.PrintStream;
import java.util.List;
import org.agencyworkspace.connector.documents.BannerLevel;
import org.agencyworkspace.connector.documents.WatermarkCommand;
import org.agencyworkspace.platform.CommandLineStart;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code watermark ...} on the command line ({@code bin/workspace watermark}): the documents
 * connector's {@link WatermarkCommand} with the levels configured for the application
 * ({@code workspace.classification.levels}, read from the same files, profiles and
 * {@code --spring.*}/{@code --workspace.*} arguments as the workspace), so an agency's own
 * levels get the same banners as its downloads. Only the classification settings are bound: no
 * database, routes or web server start.
 */
public final class WatermarkLevelsCommand {

    private WatermarkLevelsCommand() {
    }

    public static boolean matches(String[] args) {
        return args.length >= 1 && args[0].equals("watermark");
    }

    /** Runs the command; returns the connector command's exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = List.of(args).subList(1, args.length);
        List<String> options = CommandLineStart.commandOptions(rest);
        List<String> settings = rest.stream().filter(arg -> !options.contains(arg)).toList();
        return WatermarkCommand.run(configuredLevels(settings), options.toArray(String[]::new),
                out, err);
    }

    /** The configured levels as the engine describes them, lowest first. */
    static List<BannerLevel> configuredLevels(List<String> settings) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Levels.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run(CommandLineStart.quiet(settings))) {
            return levels(context.getBean(ClassificationProperties.class));
        }
    }

    static List<BannerLevel> levels(ClassificationProperties properties) {
        return properties.levels().stream()
                .map(level -> BannerLevel.of(level.code(), level.nameZh(), level.nameEn()))
                .toList();
    }

    /** Binds and validates the classification settings, nothing else. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClassificationProperties.class)
    static class Levels {
    }
}

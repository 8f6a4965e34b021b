package org.agencyworkspace.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no database is configured, points the workspace at an H2 file database under
 * {@code workspace.data-dir} (absolute, as H2 requires), in PostgreSQL mode so one set of
 * migrations serves both databases.
 */
public class EmbeddedDatabaseDefaults implements EnvironmentPostProcessor {

    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment,
            SpringApplication application) {
        String configured = environment.getProperty("spring.datasource.url");
        if (configured != null && !configured.isBlank()) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("workspace.data-dir", "data"))
                .toAbsolutePath().normalize();
        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("workspace") + H2_OPTIONS;
        environment.getPropertySources().addLast(new MapPropertySource("workspace-embedded-database",
                Map.of("spring.datasource.url", url,
                        "spring.datasource.username", "workspace",
                        "spring.datasource.password", "")));
    }
}

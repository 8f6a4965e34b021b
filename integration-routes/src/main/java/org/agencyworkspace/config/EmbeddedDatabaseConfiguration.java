package org.agencyworkspace.config;

import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * When no database is configured, the workspace keeps its data in an H2 file database under
 * {@code workspace.data-dir} (made absolute, as H2 requires), in PostgreSQL mode so one set of
 * migrations serves both databases. {@code AUTO_SERVER} lets a command run beside the workspace
 * (e.g. {@code identity reconcile}) open the same database.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedDatabaseConfiguration {

    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";

    @Bean
    static BeanPostProcessor embeddedDatabaseDefaults(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSourceProperties database
                        && !StringUtils.hasText(database.getUrl())) {
                    Path dataDir = Path.of(environment.getProperty("workspace.data-dir", "data"))
                            .toAbsolutePath().normalize();
                    database.setUrl("jdbc:h2:file:" + dataDir.resolve("db").resolve("workspace")
                            + H2_OPTIONS);
                    database.setUsername("workspace");
                    database.setPassword("");
                }
                return bean;
            }
        };
    }
}

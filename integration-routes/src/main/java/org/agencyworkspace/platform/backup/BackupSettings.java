package org.agencyworkspace.platform.backup;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.platform.audit.AuditProperties;
import org.agencyworkspace.platform.routes.RouteFolderProperties;
import org.agencyworkspace.security.SecurityProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * What a backup holds and where a restore puts it, read from the workspace's own settings (the
 * same profiles, files and environment as {@code run}) without starting the workspace: a
 * restore must find the database untouched by Flyway, and a backup must not write audit events.
 *
 * @param dataDir {@code workspace.data-dir}
 * @param anchorFile the audit anchors kept outside the database
 * @param keyFiles key files kept outside the data folder (the TOTP seal key, the chain key),
 *     by name
 * @param database the database, or null for the embedded H2 under {@code dataDir}
 * @param configLocations the folders of {@code spring.config.additional-location} and the route
 *     folder: the configuration to keep with the data
 */
record BackupSettings(Path dataDir, Path anchorFile, Map<String, Path> keyFiles,
        PostgresDatabase database, List<Path> configLocations) {

    /**
     * A PostgreSQL database from a JDBC URL ({@code jdbc:postgresql://host:port/db?params}).
     *
     * @param schema {@code currentSchema} when the URL names one (only that schema is kept)
     * @param password never logged
     */
    record PostgresDatabase(String host, int port, String name, String schema, String sslMode,
            String username, String password) {

        static PostgresDatabase parse(String url, String username, String password) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("backup supports the embedded H2 and PostgreSQL; "
                        + "spring.datasource.url is " + url.replaceAll("password=[^&]*", "password=******"));
            }
            URI uri = URI.create(url.substring("jdbc:".length()));
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        params.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            return new PostgresDatabase(uri.getHost() == null ? "localhost" : uri.getHost(),
                    uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                    params.get("currentSchema"), params.getOrDefault("sslmode", "prefer"),
                    username, password);
        }

        /** Environment of pg_dump/pg_restore: the password never appears on a command line. */
        Map<String, String> environment() {
            return Map.of("PGPASSWORD", password == null ? "" : password, "PGSSLMODE", sslMode);
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?sslmode=" + sslMode
                    + (schema == null ? "" : "&currentSchema=" + schema);
        }

        List<String> connectionArguments() {
            return List.of("--host=" + host, "--port=" + port, "--username=" + username,
                    "--dbname=" + name);
        }

        @Override
        public String toString() {
            return "PostgresDatabase[" + host + ":" + port + "/" + name
                    + (schema == null ? "" : " schema " + schema) + ", password=******]";
        }
    }

    String databaseKind() {
        return database == null ? "h2" : "postgresql";
    }

    /** Reads the settings as {@code run} would, from the same arguments. */
    static BackupSettings read(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        arguments.addAll(List.of("--spring.main.banner-mode=off", "--logging.level.root=warn",
                "--logging.level.org.springframework=warn", "--logging.level.org.agencyworkspace=warn"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Binding.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run(arguments.toArray(String[]::new))) {
            return from(context);
        }
    }

    private static BackupSettings from(ConfigurableApplicationContext context) {
        WorkspaceProperties workspace = context.getBean(WorkspaceProperties.class);
        AuditProperties audit = context.getBean(AuditProperties.class);
        SecurityProperties security = context.getBean(SecurityProperties.class);
        DataSourceProperties dataSource = context.getBean(DataSourceProperties.class);
        Environment environment = context.getEnvironment();

        Path dataDir = workspace.dataDir().toAbsolutePath().normalize();
        Path anchors = audit.chain().anchorFile() != null ? audit.chain().anchorFile()
                : workspace.logDir().resolve("audit-anchors.jsonl");
        Map<String, Path> keys = new LinkedHashMap<>();
        keys.put("workspace.key", security.local().keyFile() != null ? security.local().keyFile()
                : dataDir.resolve("workspace.key"));
        keys.put("audit-chain.key", audit.chain().keyFile() != null ? audit.chain().keyFile()
                : dataDir.resolve("audit-chain.key"));
        keys.replaceAll((name, file) -> file.toAbsolutePath().normalize());
        // Keys inside the data folder travel with it.
        keys.values().removeIf(file -> file.startsWith(dataDir));

        PostgresDatabase database = StringUtils.hasText(dataSource.getUrl())
                ? PostgresDatabase.parse(dataSource.getUrl(), dataSource.getUsername(),
                        dataSource.getPassword())
                : null;

        List<Path> config = new ArrayList<>();
        for (String location : StringUtils.commaDelimitedListToStringArray(
                environment.getProperty("spring.config.additional-location", ""))) {
            String path = location.strip().replaceFirst("^optional:", "").replaceFirst("^file:", "");
            if (!path.isEmpty() && !path.startsWith("classpath:")) {
                config.add(Path.of(path).toAbsolutePath().normalize());
            }
        }
        Path routes = context.getBean(RouteFolderProperties.class).folder().toAbsolutePath().normalize();
        if (config.stream().noneMatch(routes::startsWith)) {
            config.add(routes);
        }
        return new BackupSettings(dataDir, anchors.toAbsolutePath().normalize(), keys, database,
                List.copyOf(config));
    }

    /** Binds the settings only: no database, no routes, no web server. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({WorkspaceProperties.class, AuditProperties.class,
            SecurityProperties.class, RouteFolderProperties.class, DataSourceProperties.class})
    static class Binding {
    }
}

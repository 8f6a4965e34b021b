package org.agencyworkspace.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own in the stack's PostgreSQL for one test class: Flyway creates and migrates
 * it, the application uses it, and it is dropped when the application has stopped (its routes
 * poll the database until then), so runs never see each other's data.
 */
public final class PostgresTestSchema {

    final String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** The schema's name. */
    public String name() {
        return name;
    }

    /** Points the application's datasource and Flyway at this schema. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> StackEnvironment.require("WORKSPACE_POSTGRES_URL")
                + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> StackEnvironment.require("WORKSPACE_POSTGRES_USER"));
        registry.add("spring.datasource.password", () -> StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
        registry.add("spring.flyway.schemas", () -> name);
    }

    /**
     * A bean for the test's configuration that drops the schema when the application stops,
     * after every route and consumer (the lowest phase stops last).
     */
    public SmartLifecycle dropWhenStopped() {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                try {
                    drop();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop test schema " + name, e);
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MIN_VALUE;
            }
        };
    }

    /** Drops the schema (and everything in it) now. */
    public void drop() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                StackEnvironment.require("WORKSPACE_POSTGRES_URL"),
                StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}

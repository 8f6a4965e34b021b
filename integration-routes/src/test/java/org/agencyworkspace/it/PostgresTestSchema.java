package org.agencyworkspace.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own in the stack's PostgreSQL for one test class: Flyway creates and migrates
 * it, the application uses it, and {@link #drop()} removes it afterwards, so runs never see each
 * other's data.
 */
final class PostgresTestSchema {

    final String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** Points the application's datasource and Flyway at this schema. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> StackEnvironment.require("WORKSPACE_POSTGRES_URL")
                + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> StackEnvironment.require("WORKSPACE_POSTGRES_USER"));
        registry.add("spring.datasource.password", () -> StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
        registry.add("spring.flyway.schemas", () -> name);
    }

    void drop() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                StackEnvironment.require("WORKSPACE_POSTGRES_URL"),
                StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}

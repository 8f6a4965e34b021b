package org.agencyworkspace.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Rows written before V7 are chained by the migration, oldest first, and later appends follow. */
class LegacyRowsChainTest {

    @Test
    void rowsFromBeforeTheChainAreChainedInTimeOrder() {
        DriverManagerDataSource source = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa", "");
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("5").load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(source);
        jdbc.sql("""
                INSERT INTO audit_event (id, occurred_at, action, category, outcome, user_id, details)
                VALUES ('b', TIMESTAMP WITH TIME ZONE '2026-01-02 10:00:00.123456+00', 'login.success',
                        'authentication', 'success', 'alice', '{"k":"v"}'),
                       ('a', TIMESTAMP WITH TIME ZONE '2026-01-01 10:00:00+00', 'login.failure',
                        'authentication', 'failure', 'bob', NULL)
                """).update();

        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        new JdbcAuditTrail(jdbc, new ObjectMapper(), new DataSourceTransactionManager(source))
                .record(AuditEvent.of("login.success", "authentication").actor("carol", null).build());

        assertThat(jdbc.sql("SELECT id FROM audit_event ORDER BY chain_seq").query(String.class).list())
                .startsWith("a", "b").hasSize(3);
        ChainVerification result = new AuditChainVerifier(jdbc).verify();
        assertThat(result.intact()).as(result.toText()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(3);
    }
}

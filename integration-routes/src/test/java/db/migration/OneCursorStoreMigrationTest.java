package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class OneCursorStoreMigrationTest {

    @Test
    void aSyncopeCursorWrittenBeforeTheMoveResumesFromTheSamePlaceInTheOneCursorStore() {
        DriverManagerDataSource source = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("17").load().migrate();
        JdbcClient jdbc = JdbcClient.create(source);
        Instant changedAt = Instant.parse("2026-11-30T08:15:42.123Z");
        jdbc.sql("INSERT INTO identity_source_cursor (source, changed_at, last_username, updated_at)"
                        + " VALUES ('syncope', :at, 'e5.same', :at)")
                .param("at", changedAt.atOffset(ZoneOffset.UTC)).update();

        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

        var row = jdbc.sql("SELECT position, extra FROM audit_cursor WHERE name = 'identity-source:syncope'")
                .query((result, index) -> new Object[] {result.getLong("position"), result.getString("extra")})
                .single();
        assertThat(Instant.EPOCH.plus((Long) row[0], ChronoUnit.MICROS)).isEqualTo(changedAt);
        assertThat(row[1]).isEqualTo("e5.same");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_name = 'identity_source_cursor'").query(Long.class).single())
                .isZero();
    }
}

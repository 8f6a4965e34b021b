package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V15 carries the one-line {@code !clockin} entries of V8 over as chat clock-ins, one per Taipei day. */
class AttendanceMigrationTest {

    @Test
    void theFirstEntryOfEachTaipeiDayBecomesAClockIn() {
        DriverManagerDataSource source = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("10").load().migrate();
        JdbcClient jdbc = JdbcClient.create(source);
        // 2026-01-05 08:30 and 10:00 Taipei (one day), 2026-01-05 23:30 UTC = 01-06 07:30 Taipei.
        for (String at : List.of("2026-01-05T00:30:00Z", "2026-01-05T02:00:00Z", "2026-01-05T23:30:00Z")) {
            jdbc.sql("INSERT INTO attendance_entry (id, login, recorded_at, source) VALUES (:id, 'eve', :at, 'matrix')")
                    .param("id", UUID.randomUUID().toString()).param("at", OffsetDateTime.parse(at)).update();
        }

        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();

        List<Map<String, Object>> rows = jdbc.sql("SELECT work_date, kind, channel, network_zone FROM attendance_clock "
                + "ORDER BY work_date").query().listOfRows();
        assertThat(rows).extracting(row -> ((java.sql.Date) row.get("work_date")).toLocalDate())
                .containsExactly(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 6));
        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("kind", "IN")
                .containsEntry("channel", "chat").containsEntry("network_zone", "unknown"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'attendance_entry'")
                .query(Integer.class).single()).isZero();
    }
}

package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.agencyworkspace.attendance.calendar.CalendarFileException;
import org.agencyworkspace.attendance.calendar.CalendarFileParser;
import org.agencyworkspace.attendance.calendar.WorkCalendar;
import org.agencyworkspace.attendance.calendar.WorkCalendarSource;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calendar file: the shipped example, strict refusals naming the line, seeded round trips. */
class AttendanceCalendarFileTest {

    private static final long SEED = 20261207L;

    @TempDir
    Path dir;

    @Test
    void theShipped2026ExampleParsesWithItsHolidays() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/attendance/calendar-2026.example.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        WorkCalendar calendar = CalendarFileParser.parse("example", text);

        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).as("春節").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 9))).as("國慶日補假").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 24))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 26))).as("Saturday").isFalse();
        assertThat(calendar.days()).hasSize(16);
    }

    @Test
    void eachKindOfMistakeIsRefusedNamingItsLine() {
        assertThat(problem("2026-01-01,holiday,元旦\n2026-13-01,holiday,x")).isEqualTo(2);
        assertThat(problem("# c\n\n2026-02-30,holiday,x")).isEqualTo(3);
        assertThat(problem("2026-01-01,vacation,x")).isEqualTo(1);
        assertThat(problem("2026-01-01,holiday")).isEqualTo(1);
        assertThat(problem("2026-01-01,holiday,  ")).isEqualTo(1);
        assertThat(problem("2026-01-01,holiday,a\n2026-01-01,holiday,b")).isEqualTo(2);
        assertThat(problem("2026-12-21,workday,Monday")).isEqualTo(1);
        assertThatThrownBy(() -> CalendarFileParser.parse("cal.csv", "2026-1-1,holiday,x"))
                .hasMessage("attendance calendar cal.csv line 1: '2026-1-1' is not a date written yyyy-MM-dd");
    }

    /** Random valid calendars survive writing and reading; one corrupted line is named. */
    @Test
    void seededRoundTripsAndCorruptionsNameTheLine() {
        Random random = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            Map<LocalDate, WorkCalendar.Day> days = new TreeMap<>();
            int entries = random.nextInt(40);
            for (int i = 0; i < entries; i++) {
                LocalDate date = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
                boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                WorkCalendar.Kind kind = weekend && random.nextBoolean() ? WorkCalendar.Kind.WORKDAY
                        : WorkCalendar.Kind.HOLIDAY;
                days.put(date, new WorkCalendar.Day(date, kind, name(random)));
            }
            List<String> lines = new ArrayList<>();
            days.values().forEach(day -> lines.add(day.date() + "," + day.kind().name().toLowerCase() + ","
                    + day.name()));
            String text = String.join(random.nextBoolean() ? "\n" : "\r\n", lines);

            assertThat(CalendarFileParser.parse("r", text).days()).isEqualTo(days);

            if (!lines.isEmpty()) {
                int broken = random.nextInt(lines.size());
                String line = lines.get(broken);
                lines.set(broken, switch (random.nextInt(4)) {
                    case 0 -> line.replace(",", ";");
                    case 1 -> "2026-" + line.substring(5, 7) + "-4" + line.substring(9);
                    case 2 -> line.replaceFirst(",(holiday|workday),", ",off,");
                    default -> line.substring(0, 10) + ",holiday,";
                });
                int expected = broken + 1;
                assertThatThrownBy(() -> CalendarFileParser.parse("r", String.join("\n", lines)))
                        .isInstanceOfSatisfying(CalendarFileException.class,
                                e -> assertThat(e.line()).as(lines.get(broken)).isEqualTo(expected));
            }
        }
    }

    @Test
    void aMalformedEditWhileRunningIsRefusedAuditedAndTheOldCalendarStays() throws IOException {
        Path file = dir.resolve("calendar.csv");
        Files.writeString(file, "2026-12-25,holiday,行憲紀念日\n");
        RecordingAuditTrail audit = new RecordingAuditTrail();
        WorkCalendarSource source = new WorkCalendarSource(AttendanceFixture.properties(
                Map.of("workspace.attendance.calendar-file", file.toString())), audit);

        Files.writeString(file, "2026-12-25,holiday,行憲紀念日\n2026-12-24;holiday;x\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        source.reloadIfChanged();

        assertThat(source.calendar().isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(source.calendar().isWorkingDay(LocalDate.of(2026, 12, 24))).isTrue();
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("attendance.calendar.refused");
            assertThat(event.reason()).contains("line 2");
        });
        Files.writeString(file, "2026-13-01,holiday,x\n");
        assertThatThrownBy(() -> new WorkCalendarSource(AttendanceFixture.properties(
                Map.of("workspace.attendance.calendar-file", file.toString())), audit))
                .as("a malformed file stops the start").hasMessageContaining("line 1");
    }

    private static Integer problem(String text) {
        try {
            CalendarFileParser.parse("t", text);
            return null;
        } catch (CalendarFileException e) {
            return e.line();
        }
    }

    private static String name(Random random) {
        String[] words = {"春節", "補假", "Labour Day", "中秋節", "a,b", "x"};
        return words[random.nextInt(words.length)] + random.nextInt(100);
    }
}

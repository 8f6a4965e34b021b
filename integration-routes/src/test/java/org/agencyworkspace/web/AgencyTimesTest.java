package org.agencyworkspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Times in the agency's zone and ROC dates, as the pages show them. */
class AgencyTimesTest {

    final AgencyTimes times = new AgencyTimes(ZoneId.of("Asia/Taipei"));
    static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    @Test
    void aUtcMomentIsShownInTaipeiInThePagesLanguage() {
        Instant moment = Instant.parse("2026-12-07T07:05:00Z");

        assertThat(times.dateTime(moment, ZH_TW)).contains("2026", "12", "7", "3:05").contains("下午");
        assertThat(times.dateTime(moment, Locale.ENGLISH)).contains("Dec 7, 2026", "3:05");
        assertThat(times.dateTime(Instant.parse("2026-12-07T17:00:00Z"), Locale.ENGLISH)).contains("Dec 8");
        assertThat(times.dateTime(null, ZH_TW)).isEmpty();
    }

    @Test
    void datesOnFormsAreWrittenInTheRocCalendar() {
        assertThat(times.rocDate(LocalDate.of(2026, 12, 7), ZH_TW)).isEqualTo("民國 115 年 12 月 7 日");
        assertThat(times.rocDate(LocalDate.of(1912, 1, 1), ZH_TW)).isEqualTo("民國 1 年 1 月 1 日");
        assertThat(times.rocDate(LocalDate.of(2026, 12, 7), Locale.ENGLISH)).isEqualTo("Dec 7, 2026 (ROC 115)");
        assertThat(times.rocDate(LocalDate.of(1911, 12, 31), ZH_TW)).doesNotContain("民國");
    }

    @Test
    void everyRocDateReadsBackAsTheSameDay() {
        long seed = 20261207L;
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextInt(60_000) - 20_000);
            String written = times.rocDate(date, ZH_TW);
            if (date.getYear() <= 1911) {
                assertThat(written).as("seed %d, %s", seed, date).doesNotContain("民國");
                continue;
            }
            String[] parts = written.replace("民國 ", "").replace(" 日", "").split(" [年月] ");
            LocalDate read = LocalDate.of(Integer.parseInt(parts[0]) + 1911, Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]));
            assertThat(read).as("seed %d, %s", seed, written).isEqualTo(date);
        }
    }
}

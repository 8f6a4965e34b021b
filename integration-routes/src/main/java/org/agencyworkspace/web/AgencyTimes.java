package org.agencyworkspace.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.agencyworkspace.config.WorkspaceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Times and dates as people read them on the pages ({@code ${@agencyTimes.dateTime(t, #locale)}}):
 * in the agency's time zone, in the page's language (2026年12月7日 下午3:05, Dec 7, 2026, 3:05 PM),
 * and dates on forms that use the Republic of China calendar as 民國 115 年 12 月 7 日.
 */
@Component("agencyTimes")
public class AgencyTimes {

    /** Year 1 of the Republic of China is 1912. */
    private static final int ROC_OFFSET = 1911;

    private final ZoneId zone;

    @Autowired
    public AgencyTimes(WorkspaceProperties workspace) {
        this(workspace.timeZone());
    }

    public AgencyTimes(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A moment as a date and time of day in the agency's zone; empty for none. */
    public String dateTime(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).format(instant.atZone(zone));
    }

    /** A calendar date in the page's language; empty for none. */
    public String date(LocalDate date, Locale locale) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(locale).format(date);
    }

    /**
     * A date as Chinese forms write it, 民國 115 年 12 月 7 日; in English, the date with its ROC
     * year (7 Dec 2026, ROC 115). Dates before 1912 are written in the Gregorian calendar.
     */
    public String rocDate(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        int year = date.getYear() - ROC_OFFSET;
        if (year < 1) {
            return date(date, locale);
        }
        if (Locale.CHINESE.getLanguage().equals(locale.getLanguage())) {
            return "民國 " + year + " 年 " + date.getMonthValue() + " 月 " + date.getDayOfMonth() + " 日";
        }
        return date(date, locale) + " (ROC " + year + ")";
    }
}

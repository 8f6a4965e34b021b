package org.agencyworkspace.attendance.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which dates are working days: Monday to Friday, except the holidays of the calendar file, plus
 * the Saturdays (or Sundays) it makes into workdays (補行上班日).
 */
public final class WorkCalendar {

    /** What the file says about a date. */
    public enum Kind { HOLIDAY, WORKDAY }

    /**
     * One line of the file.
     *
     * @param date the date
     * @param kind holiday or make-up workday
     * @param name what the day is, e.g. 春節
     */
    public record Day(LocalDate date, Kind kind, String name) {
    }

    private final Map<LocalDate, Day> days;

    public WorkCalendar(Map<LocalDate, Day> days) {
        this.days = new TreeMap<>(days);
    }

    public boolean isWorkingDay(LocalDate date) {
        Day special = days.get(date);
        if (special != null) {
            return special.kind() == Kind.WORKDAY;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The file's entry for the date, if any. */
    public Optional<Day> special(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }

    public Map<LocalDate, Day> days() {
        return java.util.Collections.unmodifiableMap(days);
    }
}

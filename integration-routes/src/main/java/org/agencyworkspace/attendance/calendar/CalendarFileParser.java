package org.agencyworkspace.attendance.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the operator's calendar file, strictly: one {@code date,kind,name} per line
 * ({@code 2026-02-16,holiday,除夕}), {@code #} comments and blank lines ignored. Anything else is
 * refused with the line number, so a typo never silently turns a workday into a holiday.
 */
public final class CalendarFileParser {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_NAME = 100;

    private CalendarFileParser() {
    }

    /**
     * @param source the file's name, for messages
     * @throws CalendarFileException naming the line of the first problem
     */
    public static WorkCalendar parse(String source, String text) {
        if (text == null) {
            throw new CalendarFileException(source, 0, "the file is empty");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Map<LocalDate, WorkCalendar.Day> days = new HashMap<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",", 3);
            if (parts.length != 3) {
                throw new CalendarFileException(source, number,
                        "expected date,kind,name (e.g. 2026-02-16,holiday,除夕), got '" + clip(line) + "'");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(parts[0].strip(), DATE);
            } catch (DateTimeParseException e) {
                throw new CalendarFileException(source, number,
                        "'" + clip(parts[0].strip()) + "' is not a date written yyyy-MM-dd");
            }
            WorkCalendar.Kind kind = switch (parts[1].strip().toLowerCase(Locale.ROOT)) {
                case "holiday" -> WorkCalendar.Kind.HOLIDAY;
                case "workday" -> WorkCalendar.Kind.WORKDAY;
                default -> throw new CalendarFileException(source, number,
                        "kind must be holiday or workday, not '" + clip(parts[1].strip()) + "'");
            };
            String name = parts[2].strip();
            if (name.isEmpty() || name.length() > MAX_NAME
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new CalendarFileException(source, number,
                        "the name must be 1 to " + MAX_NAME + " printable characters");
            }
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY
                    || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (kind == WorkCalendar.Kind.WORKDAY && !weekend) {
                throw new CalendarFileException(source, number, date + " is a " + date.getDayOfWeek()
                        + ": a make-up workday is a Saturday or Sunday");
            }
            WorkCalendar.Day earlier = days.putIfAbsent(date, new WorkCalendar.Day(date, kind, name));
            if (earlier != null) {
                throw new CalendarFileException(source, number, date + " is listed twice");
            }
        }
        return new WorkCalendar(days);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

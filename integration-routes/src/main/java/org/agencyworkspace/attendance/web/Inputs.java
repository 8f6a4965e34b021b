package org.agencyworkspace.attendance.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.agencyworkspace.attendance.AttendanceRefusedException;
import org.agencyworkspace.attendance.AttendanceRefusedException.Reason;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.attendance.export.AttendanceExport;

/** Parses what people and clients type; anything unreadable is a refusal (400), audited. */
final class Inputs {

    private Inputs() {
    }

    static YearMonth month(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return YearMonth.from(today);
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("month must be written yyyy-MM, not '" + clip(text) + "'");
        }
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("date must be written yyyy-MM-dd, not '" + clip(text) + "'");
        }
    }

    static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("time must be written HH:mm, not '" + clip(text) + "'");
        }
    }

    static LocalDateTime dateTime(String text) {
        try {
            return LocalDateTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw invalid("date and time must be written yyyy-MM-ddTHH:mm, not '" + clip(text) + "'");
        }
    }

    static ClockKind clockKind(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "in" -> ClockKind.IN;
            case "out" -> ClockKind.OUT;
            default -> throw invalid("kind must be in or out");
        };
    }

    static AttendanceExport.Format format(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> AttendanceExport.Format.CSV;
            case "xlsx" -> AttendanceExport.Format.XLSX;
            default -> throw invalid("format must be csv or xlsx");
        };
    }

    static AttendanceRefusedException invalid(String detail) {
        return new AttendanceRefusedException(Reason.INVALID, detail);
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 30 ? text.substring(0, 30) + "…" : text;
    }
}

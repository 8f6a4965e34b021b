package org.agencyworkspace.attendance.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.agencyworkspace.attendance.AttendanceProperties;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The calendar in force: the operator's file ({@code workspace.attendance.calendar-file}) or the
 * shipped example. A malformed file stops the start with the line at fault; a malformed edit
 * while running is refused (audited, logged with the line) and the previous calendar stays.
 */
@Component
public class WorkCalendarSource {

    static final String EXAMPLE = "/attendance/calendar-2026.example.csv";
    private static final Logger LOG = LoggerFactory.getLogger(WorkCalendarSource.class);

    private final Path file;
    private final AuditTrail audit;
    private volatile WorkCalendar current;
    private volatile FileTime loadedVersion;

    public WorkCalendarSource(AttendanceProperties properties, AuditTrail audit) {
        this.file = properties.calendarFile().isBlank() ? null : Path.of(properties.calendarFile());
        this.audit = audit;
        this.current = file == null ? example() : read();
    }

    public WorkCalendar calendar() {
        return current;
    }

    /** Loads the file again when it changed; keeps the calendar in force when it is refused. */
    public synchronized void reloadIfChanged() {
        if (file == null || modified().equals(loadedVersion)) {
            return;
        }
        try {
            current = read();
            audit.record(AuditEvent.of("attendance.calendar.load", "configuration")
                    .target("file", file.toString()).build());
            LOG.info("Attendance calendar reloaded from {}", file);
        } catch (CalendarFileException | UncheckedIOException e) {
            loadedVersion = modified();
            audit.record(AuditEvent.of("attendance.calendar.refused", "configuration")
                    .target("file", file.toString()).failure(e.getMessage()).build());
            LOG.warn("{}; the previous calendar stays in force until the file is fixed", e.getMessage());
        }
    }

    private WorkCalendar read() {
        FileTime version = modified();
        try {
            WorkCalendar calendar = CalendarFileParser.parse(file.toString(),
                    Files.readString(file, StandardCharsets.UTF_8));
            loadedVersion = version;
            return calendar;
        } catch (IOException e) {
            throw new UncheckedIOException("attendance calendar " + file + " cannot be read "
                    + "(workspace.attendance.calendar-file): " + e.getMessage(), e);
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static WorkCalendar example() {
        try (InputStream in = WorkCalendarSource.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                return new WorkCalendar(Map.of());
            }
            return CalendarFileParser.parse("classpath:" + EXAMPLE,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.agencyworkspace.attendance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.agencyworkspace.attendance.calendar.WorkCalendarSource;
import org.agencyworkspace.attendance.export.AttendanceExport;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.RecordingEventPublisher;
import org.agencyworkspace.support.TestDatabase;
import org.agencyworkspace.support.TestNotifications;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Attendance over a fresh in-memory database with a small agency: alice and bob (staff of
 * general affairs and IT), dave (manager of general affairs), finn (manager of IT), erin
 * (personnel) and gone (disabled). The calendar marks 2026-12-25 a holiday and Saturday
 * 2026-12-19 a make-up workday.
 */
final class AttendanceFixture {

    static final String CALENDAR = """
            # test calendar
            2026-12-25,holiday,行憲紀念日
            2026-12-19,workday,補行上班日
            """;

    final TestDatabase database = new TestDatabase();
    final MutableClock clock;
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final MessageOutbox outbox;
    final NotificationTemplates texts = new NotificationTemplates(TestNotifications.messageSource());
    final Approvals approvals;
    final AttendanceProperties properties;
    final WorkCalendarSource calendars;
    final AttendanceService service;
    final AttendanceExport export;

    AttendanceFixture(Instant now, Path dir, Map<String, String> settings) {
        clock = new MutableClock(now);
        outbox = new MessageOutbox(database.jdbc(), new ObjectMapper(), clock);
        JdbcStaffDirectory directory = new JdbcStaffDirectory(database.jdbc());
        approvals = new Approvals(database.jdbc(), directory, new OutboxMessenger(outbox, texts), events, audit,
                clock, URI.create("https://workspace.agency.test/"));
        Path calendar = dir.resolve("calendar.csv");
        try {
            Files.writeString(calendar, CALENDAR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(Map.of("workspace.attendance.calendar-file", calendar.toString()));
        all.putAll(settings);
        properties = properties(all);
        calendars = new WorkCalendarSource(properties, audit);
        service = new AttendanceService(database.jdbc(), database.transactions(), properties,
                TestWorkspaceProperties.defaults(), calendars, approvals, directory, events, audit, clock);
        export = new AttendanceExport(service, directory, database.jdbc(), database.transactions(), events,
                audit, clock);
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("ga", "General Affairs", "總務處"));
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        person(accounts, "alice", "ga", true, "staff");
        person(accounts, "bob", "it", true, "staff");
        person(accounts, "dave", "ga", true, "staff", "manager");
        person(accounts, "finn", "it", true, "staff", "manager");
        person(accounts, "erin", "it", true, "staff", "personnel");
        person(accounts, "gone", "ga", false, "staff");
    }

    static AttendanceProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("workspace.attendance", AttendanceProperties.class);
    }

    private static void person(LocalAccounts accounts, String login, String department, boolean enabled,
            String... roles) {
        accounts.create(new LocalAccount(login, login, login + "中", null, "{hash}", null, null, "unmarked",
                List.of(roles), List.of(department), enabled, 0, null));
    }

    static WorkspaceUser user(String login, String department, String... roles) {
        return new WorkspaceUser(login, login, List.of(roles), List.of(department), null);
    }

    static AttendanceService.ClockContext web(String key) {
        return new AttendanceService.ClockContext("web", ClockRecord.WorkMode.REMOTE, "outside", null,
                "phone-1", key, "192.0.2.1", "test");
    }
}

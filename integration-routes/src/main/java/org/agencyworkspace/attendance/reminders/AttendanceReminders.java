package org.agencyworkspace.attendance.reminders;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.TreeSet;
import org.agencyworkspace.attendance.AttendanceProperties;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.DayRecord;
import org.agencyworkspace.attendance.DayStatus;
import org.agencyworkspace.directory.DepartmentTable;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds people, once each, through the {@link Messenger} (chat or inbox): after the start
 * window of a working day, those with no clock-in and no leave; from the configured hour of the
 * next morning, those whose last working day has no clock-out. Opted-out people are skipped.
 * The reminder and its "sent" row are written in one transaction with the outbox, so a crash
 * never sends one twice.
 */
@Component
public class AttendanceReminders {

    private final AttendanceService attendance;
    private final AttendanceProperties properties;
    private final StaffDirectory directory;
    private final Messenger messenger;
    private final JdbcClient jdbc;
    private final DepartmentTable departments;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    public AttendanceReminders(AttendanceService attendance, StaffDirectory directory, Messenger messenger,
            JdbcClient jdbc, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.attendance = attendance;
        this.properties = attendance.properties();
        this.directory = directory;
        this.messenger = messenger;
        this.jdbc = jdbc;
        this.departments = new DepartmentTable(jdbc);
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return how many reminders were sent */
    public int run() {
        if (!properties.reminders().enabled()) {
            return 0;
        }
        ZonedDateTime now = clock.instant().atZone(attendance.zone());
        LocalDate today = now.toLocalDate();
        int sent = 0;
        boolean windowOver = now.toLocalTime().isAfter(properties.startWindowTo());
        LocalDate lastWorkingDay = previousWorkingDay(today);
        boolean morning = !now.toLocalTime().isBefore(properties.reminders().missingClockOutAt());
        for (String login : staff()) {
            if (!attendance.remindersEnabled(login)
                    || directory.find(login).map(member -> !member.enabled()).orElse(true)) {
                continue;
            }
            if (windowOver && attendance.calendar().isWorkingDay(today)) {
                DayRecord day = attendance.day(login, today);
                if (day.effectiveIn() == null && !day.statuses().contains(DayStatus.ON_LEAVE)
                        && day.leaveTypes().isEmpty()) {
                    sent += remind(login, today, "NO_CLOCK_IN", "attendance.reminder.clock-in");
                }
            }
            if (morning) {
                DayRecord day = attendance.day(login, lastWorkingDay);
                if (day.statuses().contains(DayStatus.MISSING_CLOCK_OUT)) {
                    sent += remind(login, lastWorkingDay, "NO_CLOCK_OUT", "attendance.reminder.clock-out");
                }
            }
        }
        return sent;
    }

    private int remind(String login, LocalDate date, String kind, String template) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("INSERT INTO attendance_reminder_sent (login, work_date, kind, sent_at) "
                                + "VALUES (:login, :date, :kind, :now)")
                        .param("login", login).param("date", date).param("kind", kind)
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
                messenger.send(OutgoingMessage.of(Recipient.user(login), template, Map.of(
                        "date", date.toString(), "window", properties.startWindowTo().toString())));
                audit.record(AuditEvent.of("attendance.reminder", "attendance")
                        .target("account", login).details(Map.of("kind", kind, "workDate", date.toString()))
                        .build());
            });
            return 1;
        } catch (DuplicateKeyException alreadySent) {
            return 0;
        }
    }

    private TreeSet<String> staff() {
        TreeSet<String> people = new TreeSet<>();
        departments.codes().forEach(code -> people.addAll(directory.membersOf(code)));
        return people;
    }

    private LocalDate previousWorkingDay(LocalDate today) {
        LocalDate date = today.minusDays(1);
        for (int i = 0; i < 31 && !attendance.calendar().isWorkingDay(date); i++) {
            date = date.minusDays(1);
        }
        return date;
    }
}

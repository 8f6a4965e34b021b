package org.agencyworkspace.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.attendance.reminders.AttendanceReminders;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.messaging.OutboxMessenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reminders of a missing clock-in and clock-out: once each, not to opted-out or disabled people. */
class AttendanceRemindersTest {

    @TempDir
    Path dir;

    private AttendanceFixture f;
    private AttendanceReminders reminders;

    @BeforeEach
    void agency() {
        f = new AttendanceFixture(at("2026-12-07T09:00"), dir, Map.of());
        reminders = new AttendanceReminders(f.service, new JdbcStaffDirectory(f.database.jdbc()),
                new OutboxMessenger(f.outbox, f.texts), f.database.jdbc(), f.database.transactions(), f.audit, f.clock);
    }

    @Test
    void afterTheWindowThoseWithoutClockInOrLeaveAreRemindedOnceAndOptOutsAreSkipped() {
        f.service.clock("alice", ClockRecord.ClockKind.IN, AttendanceFixture.web(null));
        f.service.setReminders("bob", false);
        assertThat(reminders.run()).as("inside the window").isZero();

        f.clock.set(at("2026-12-07T09:31"));
        int sent = reminders.run();
        int again = reminders.run();

        assertThat(sent).isEqualTo(3);
        assertThat(again).isZero();
        assertThat(sentTo()).containsExactlyInAnyOrder("user:dave:attendance.reminder.clock-in",
                "user:erin:attendance.reminder.clock-in", "user:finn:attendance.reminder.clock-in");
    }

    @Test
    void aMissingClockOutIsRemindedTheNextWorkingMorning() {
        f.clock.set(at("2026-12-04T08:40"));  // Friday
        f.service.clock("alice", ClockRecord.ClockKind.IN, AttendanceFixture.web(null));
        for (String login : List.of("bob", "dave", "erin", "finn")) {
            f.service.setReminders(login, false);
        }
        f.clock.set(at("2026-12-07T07:59"));  // Monday, before the hour
        assertThat(reminders.run()).isZero();

        f.clock.set(at("2026-12-07T08:00"));
        assertThat(reminders.run()).isEqualTo(1);

        assertThat(sentTo()).containsExactly("user:alice:attendance.reminder.clock-out");
    }

    private List<String> sentTo() {
        return f.outbox.pendingIds(100).stream().map(id -> f.outbox.find(id).orElseThrow().message())
                .map(AttendanceRemindersTest::describe).toList();
    }

    private static String describe(OutgoingMessage message) {
        return message.recipient().kind().name().toLowerCase() + ":" + message.recipient().id() + ":"
                + message.templateKey();
    }

    private static Instant at(String taipei) {
        return LocalDateTime.parse(taipei).atZone(ZoneId.of("Asia/Taipei")).toInstant();
    }
}

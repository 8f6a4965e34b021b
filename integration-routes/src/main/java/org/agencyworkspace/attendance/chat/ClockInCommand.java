package org.agencyworkspace.attendance.chat;

import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.ClockGate;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/** {@code !clockin [office|remote|trip]}. */
@Component
public class ClockInCommand extends ClockCommand {

    public ClockInCommand(AttendanceService attendance, ClockGate gate, NotificationTemplates texts) {
        super(attendance, gate, texts, ClockKind.IN);
    }

    @Override
    public String name() {
        return "clockin";
    }

    @Override
    public String usage() {
        return "!clockin [office|remote|trip]";
    }
}

package org.agencyworkspace.attendance.chat;

import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.ClockGate;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/** {@code !clockout}. */
@Component
public class ClockOutCommand extends ClockCommand {

    public ClockOutCommand(AttendanceService attendance, ClockGate gate, NotificationTemplates texts) {
        super(attendance, gate, texts, ClockKind.OUT);
    }

    @Override
    public String name() {
        return "clockout";
    }

    @Override
    public String usage() {
        return "!clockout";
    }
}

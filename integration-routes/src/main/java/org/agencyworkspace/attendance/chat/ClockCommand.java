package org.agencyworkspace.attendance.chat;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.agencyworkspace.attendance.AttendanceRefusedException;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.ClockGate;
import org.agencyworkspace.attendance.ClockRecord;
import org.agencyworkspace.attendance.ClockRecord.ClockKind;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;

/**
 * {@code !clockin [office|remote|trip]} and {@code !clockout}: the same clock event as the page,
 * with the chat event id as its idempotency key (a redelivered command is the same event). The
 * network zone is {@code unknown}: the message reaches the workspace from the homeserver, not
 * from the person's device.
 */
abstract class ClockCommand implements ChatCommand {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AttendanceService attendance;
    private final ClockGate gate;
    private final NotificationTemplates texts;
    private final ClockKind kind;

    ClockCommand(AttendanceService attendance, ClockGate gate, NotificationTemplates texts, ClockKind kind) {
        this.attendance = attendance;
        this.gate = gate;
        this.texts = texts;
        this.kind = kind;
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help." + name(), Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        String action = kind == ClockKind.IN ? "attendance.clock-in" : "attendance.clock-out";
        try {
            ClockRecord.WorkMode mode = ClockGate.workMode(context.arguments().isEmpty() ? null
                    : context.arguments().get(0));
            gate.requireRecentMfaForChat(context.login());
            AttendanceService.ClockResult result = attendance.clock(context.login(), kind,
                    new AttendanceService.ClockContext("chat", mode, "unknown", null, null,
                            context.eventId(), null, null));
            return CommandResult.done(texts.text("chat." + name() + ".done", Map.of(
                    "time", TIME.format(result.record().at().atZone(attendance.zone())),
                    "mode", result.record().workMode().name()), context.locale()));
        } catch (AttendanceRefusedException refused) {
            attendance.auditRefusal(context.login(), action, null, null, refused);
            return CommandResult.refused(texts.text("chat.attendance.refused." + refused.reason().name(),
                    Map.of("detail", refused.getMessage()), context.locale()));
        }
    }
}

package org.agencyworkspace.attendance.chat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.agencyworkspace.attendance.AttendanceService;
import org.agencyworkspace.attendance.DayRecord;
import org.agencyworkspace.attendance.DayStatus;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.stereotype.Component;

/**
 * {@code !attendance [yyyy-MM]}: the sender's own record today and the month's counts per
 * status (only one's own; managers and personnel use the page or API for others).
 */
@Component
public class AttendanceCommand implements ChatCommand {

    private final AttendanceService attendance;
    private final NotificationTemplates texts;

    public AttendanceCommand(AttendanceService attendance, NotificationTemplates texts) {
        this.attendance = attendance;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "attendance";
    }

    @Override
    public String usage() {
        return "!attendance [yyyy-MM]";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.attendance", Map.of(), locale);
    }

    @Override
    public CommandResult handle(CommandContext context) {
        LocalDate today = attendance.today();
        YearMonth month;
        try {
            month = context.arguments().isEmpty() ? YearMonth.from(today)
                    : YearMonth.parse(context.arguments().get(0));
        } catch (DateTimeParseException e) {
            return CommandResult.refused(texts.text("chat.attendance.badMonth", Map.of(), context.locale()));
        }
        attendance.syncDecisions();
        DayRecord day = attendance.day(context.login(), today);
        List<DayRecord> days = attendance.days(context.login(), month.atDay(1),
                month.isAfter(YearMonth.from(today)) ? month.atDay(1) : month.atEndOfMonth());
        Map<DayStatus, Integer> counts = new EnumMap<>(DayStatus.class);
        days.forEach(d -> d.statuses().forEach(status -> counts.merge(status, 1, Integer::sum)));
        String summary = counts.entrySet().stream()
                .filter(entry -> entry.getKey() != DayStatus.DAY_OFF && entry.getKey() != DayStatus.OPEN)
                .map(entry -> texts.text("chat.attendance.status." + entry.getKey().name(), Map.of(),
                        context.locale()) + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        return CommandResult.done(texts.text("chat.attendance.text", Map.of(
                "in", day.effectiveIn() == null ? "—" : ClockCommand.TIME.format(
                        day.effectiveIn().atZone(attendance.zone())),
                "out", day.effectiveOut() == null ? "—" : ClockCommand.TIME.format(
                        day.effectiveOut().atZone(attendance.zone())),
                "month", month.toString(), "summary", summary.isEmpty() ? "—" : summary), context.locale()));
    }
}

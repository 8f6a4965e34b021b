package org.agencyworkspace.meetings;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.config.WorkspaceProperties;
import org.springframework.stereotype.Component;

/**
 * {@code !meetings}: the sender's meetings today (workspace zone), each with its time and page.
 * Classified meetings are listed like the others: the answer never carries a video link.
 */
@Component
class TodaysMeetingsCommand implements ChatCommand {

    private final Meetings meetings;
    private final ZoneId zone;
    private final Clock clock;

    TodaysMeetingsCommand(Meetings meetings, WorkspaceProperties workspace, Clock clock) {
        this.meetings = meetings;
        this.zone = workspace.timeZone();
        this.clock = clock;
    }

    @Override
    public String name() {
        return "meetings";
    }

    @Override
    public String usage() {
        return "!meetings";
    }

    @Override
    public String description(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "列出今天的會議" : "List your meetings today";
    }

    @Override
    public CommandResult handle(CommandContext context) {
        boolean zh = "zh".equals(context.locale().getLanguage());
        List<Meeting> today = meetings.on(LocalDate.now(clock.withZone(zone)), context.login());
        if (today.isEmpty()) {
            return CommandResult.done(zh ? "今天沒有會議。" : "No meetings today.");
        }
        return CommandResult.done(today.stream()
                .map(meeting -> "• " + meetings.when(meeting) + " " + meeting.subject() + " — "
                        + meetings.pageUrl(meeting))
                .collect(Collectors.joining("\n")));
    }
}

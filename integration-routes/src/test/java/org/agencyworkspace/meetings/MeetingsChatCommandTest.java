package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.config.TestWorkspaceProperties;
import org.junit.jupiter.api.Test;

class MeetingsChatCommandTest {

    // 23:30 UTC on the 7th is already the 8th in Taipei.
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T23:30:00Z"), ZoneId.of("UTC"));
    final Meetings meetings = mock(Meetings.class);
    final TodaysMeetingsCommand command = new TodaysMeetingsCommand(meetings,
            TestWorkspaceProperties.defaults(), clock);

    static CommandContext asked(String login, Locale locale) {
        return new CommandContext(login, "@" + login + ":test", "!room", "$event", List.of(), "", locale);
    }

    @Test
    void listsTodaysMeetingsInTaipeiTimeWithTheirPageAndNeverAVideoLink() {
        Meeting secret = new Meeting("MABC", "預算審查", "alice", Instant.parse("2026-12-08T02:00:00Z"),
                Instant.parse("2026-12-08T03:00:00Z"), null, "secret", Meeting.Status.SCHEDULED, 0,
                "jitsi", URI.create("https://meet.example/aw-mabc"), List.of("bob"));
        when(meetings.on(LocalDate.of(2026, 12, 8), "bob")).thenReturn(List.of(secret));
        when(meetings.when(secret)).thenReturn("2026-12-08 10:00–11:00 (Asia/Taipei)");
        when(meetings.pageUrl(secret)).thenReturn("http://workspace/meetings/MABC");

        CommandResult answer = command.handle(asked("bob", Locale.TRADITIONAL_CHINESE));

        assertThat(answer.success()).isTrue();
        assertThat(answer.text()).isEqualTo("• 2026-12-08 10:00–11:00 (Asia/Taipei) 預算審查 — http://workspace/meetings/MABC")
                .doesNotContain("meet.example");
    }

    @Test
    void saysSoWhenThereIsNothingToday() {
        assertThat(command.handle(asked("carol", Locale.ENGLISH)).text()).isEqualTo("No meetings today.");
        assertThat(command.handle(asked("carol", Locale.TRADITIONAL_CHINESE)).text()).isEqualTo("今天沒有會議。");
    }
}

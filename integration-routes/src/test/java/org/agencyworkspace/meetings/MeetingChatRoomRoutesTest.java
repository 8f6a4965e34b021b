package org.agencyworkspace.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.platform.messaging.RoomMembers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class MeetingChatRoomRoutesTest {

    final Meetings meetings = mock(Meetings.class);
    final List<String> added = new ArrayList<>();
    final RoomMembers recording = (room, logins) -> logins.forEach(login -> added.add(room + " " + login));

    static Meeting meeting(Meeting.Status status) {
        return new Meeting("MABC", "預算審查", "alice", Instant.parse("2026-12-08T02:00:00Z"),
                Instant.parse("2026-12-08T03:00:00Z"), null, "unmarked", status, 0, "jitsi",
                URI.create("https://meet.example/aw-mabc"), List.of("bob", "alice", "carol"));
    }

    MeetingChatRoomRoutes routes(RoomMembers members) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (members != null) {
            beans.addBean("roomMembers", members);
        }
        return new MeetingChatRoomRoutes(meetings, beans.getBeanProvider(RoomMembers.class));
    }

    @Test
    void theOrganiserAndEveryAttendeeJoinTheMeetingsRoomOnce() {
        when(meetings.find("MABC")).thenReturn(Optional.of(meeting(Meeting.Status.SCHEDULED)));

        routes(recording).addPeople("MABC");

        assertThat(added).containsExactly("meeting-mabc alice", "meeting-mabc bob", "meeting-mabc carol");
    }

    @Test
    void aMeetingCancelledOrGoneSinceAndAChannelWithoutRoomMembersDoNothing() {
        when(meetings.find("MABC")).thenReturn(Optional.of(meeting(Meeting.Status.CANCELLED)));
        when(meetings.find("GONE")).thenReturn(Optional.empty());

        routes(recording).addPeople("MABC");
        routes(recording).addPeople("GONE");
        when(meetings.find("MABC")).thenReturn(Optional.of(meeting(Meeting.Status.SCHEDULED)));
        routes(null).addPeople("MABC");

        assertThat(added).isEmpty();
    }
}

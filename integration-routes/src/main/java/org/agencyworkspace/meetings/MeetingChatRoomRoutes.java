package org.agencyworkspace.meetings;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.messaging.RoomMembers;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Brings a scheduled meeting's organiser and attendees into its chat room, so they see the room
 * (and its notices) in their chat app. Driven by {@code meeting.scheduled}: a chat server that is
 * down delays the invitations (retried, then the dead-letter store), never the scheduling. Only a
 * channel with room members (Matrix) does anything.
 */
@Component
public class MeetingChatRoomRoutes extends EndpointRouteBuilder {

    private final Meetings meetings;
    private final ObjectProvider<RoomMembers> roomMembers;

    public MeetingChatRoomRoutes(Meetings meetings, ObjectProvider<RoomMembers> roomMembers) {
        this.meetings = meetings;
        this.roomMembers = roomMembers;
    }

    @Override
    public void configure() {
        from("workspace-event:meeting.scheduled")
                .routeId("meeting-chat-room")
                .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                .unmarshal().json(JsonLibrary.Jackson, Map.class)
                .process(exchange -> {
                    Map<?, ?> data = (Map<?, ?>) exchange.getMessage().getBody(Map.class).get("data");
                    addPeople(String.valueOf(data.get("meetingId")));
                });
    }

    /** Adds the meeting's people to its room; a meeting gone since is nothing to do. */
    void addPeople(String meetingId) {
        RoomMembers members = roomMembers.getIfAvailable();
        if (members == null) {
            return;
        }
        meetings.find(meetingId).filter(meeting -> meeting.status() == Meeting.Status.SCHEDULED)
                .ifPresent(meeting -> {
                    Set<String> people = new LinkedHashSet<>();
                    people.add(meeting.organizer());
                    people.addAll(meeting.attendees());
                    members.add(Meetings.chatRoom(meeting), people);
                });
    }
}

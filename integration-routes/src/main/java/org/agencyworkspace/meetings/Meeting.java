package org.agencyworkspace.meetings;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A meeting as the workspace keeps it.
 *
 * @param id short id
 * @param subject title; shown in calendars and chat, so never classified content
 * @param organizer login of who called it
 * @param start when it starts
 * @param end when it ends
 * @param roomId booked room, or null for an online-only meeting
 * @param level classification level code
 * @param status SCHEDULED or CANCELLED
 * @param sequence the iCalendar SEQUENCE of the current version
 * @param videoBackend the video service, or null when none is configured
 * @param videoRoomUrl the room's address without credentials, or null
 * @param attendees logins invited (groups expanded), the organiser not among them
 */
public record Meeting(String id, String subject, String organizer, Instant start, Instant end,
        String roomId, String level, Status status, int sequence, String videoBackend,
        URI videoRoomUrl, List<String> attendees) {

    public enum Status { SCHEDULED, CANCELLED }

    public Meeting {
        attendees = List.copyOf(attendees);
    }

    /** Whether login may join: the organiser or an attendee; nobody else (no guests). */
    public boolean invited(String login) {
        return organizer.equals(login) || attendees.contains(login);
    }
}

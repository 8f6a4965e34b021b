package org.agencyworkspace.meetings;

import java.time.Instant;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/**
 * The meetings capability's domain events. No payload carries a join link: links are personal
 * and, for classified meetings, never leave the workspace.
 */
public final class MeetingEvents {

    private MeetingEvents() {
    }

    @EventType(name = "meeting.scheduled", summary = "A meeting was scheduled: room booked, video"
            + " room opened, invitations queued for every attendee.")
    public record Scheduled(
            @EventField("meeting id") String meetingId,
            @EventField("title") String subject,
            @EventField("login of the organiser") String organizer,
            @EventField("start") Instant start,
            @EventField("end") Instant end,
            @EventField(value = "booked room id", optional = true) String room,
            @EventField("classification level code") String level,
            @EventField("number of people invited (groups expanded)") int attendees,
            @EventField(value = "video service (jitsi, bigbluebutton)", optional = true)
            String videoBackend)
            implements DomainEvent {
    }

    @EventType(name = "meeting.moved", summary = "A meeting's time changed; calendars get the next"
            + " SEQUENCE.")
    public record Moved(
            @EventField("meeting id") String meetingId,
            @EventField("new start") Instant start,
            @EventField("new end") Instant end,
            @EventField("iCalendar SEQUENCE of the new version") int sequence,
            @EventField("login of who moved it") String movedBy)
            implements DomainEvent {
    }

    @EventType(name = "meeting.cancelled", summary = "A meeting was called off: room freed,"
            + " calendars get METHOD:CANCEL.")
    public record Cancelled(
            @EventField("meeting id") String meetingId,
            @EventField("iCalendar SEQUENCE of the cancellation") int sequence,
            @EventField("login of who cancelled it") String cancelledBy)
            implements DomainEvent {
    }

    @EventType(name = "meeting.invitation.delivered", summary = "An invitation version reached"
            + " an attendee's CalDAV calendar (once per attendee and SEQUENCE).")
    public record InvitationDelivered(
            @EventField("meeting id") String meetingId,
            @EventField("login of the attendee") String attendee,
            @EventField("iCalendar SEQUENCE delivered") int sequence,
            @EventField("delivery attempts it took") int attempts)
            implements DomainEvent {
    }

    @EventType(name = "meeting.invitation.failed", summary = "An invitation could not be"
            + " delivered after the last attempt; an operator should look at the calendar server.")
    public record InvitationFailed(
            @EventField("meeting id") String meetingId,
            @EventField("login of the attendee") String attendee,
            @EventField("iCalendar SEQUENCE") int sequence,
            @EventField("the last error") String error)
            implements DomainEvent {
    }

    @EventType(name = "meeting.joined", summary = "A person was handed their join link (for a"
            + " classified meeting only after a recent step-up).")
    public record Joined(
            @EventField("meeting id") String meetingId,
            @EventField("login of who joined") String login,
            @EventField("true for the organiser (moderator)") boolean moderator)
            implements DomainEvent {
    }

    @EventType(name = "meeting.reminded", summary = "Attendees were reminded that a meeting is"
            + " about to start.")
    public record Reminded(
            @EventField("meeting id") String meetingId,
            @EventField("start") Instant start)
            implements DomainEvent {
    }

    @EventType(name = "meeting.minutes.filed", summary = "A meeting ended and its minutes"
            + " (會議紀錄) were filed in its folder with the meeting's level.")
    public record MinutesFiled(
            @EventField("meeting id") String meetingId,
            @EventField("path of the minutes in Files") String path,
            @EventField("classification level code") String level,
            @EventField("how many people joined the video") int joined)
            implements DomainEvent {
    }

    @EventType(name = "meeting.actions.sent", summary = "The organiser sent the action items of a"
            + " meeting's minutes: those needing a decision became approval requests, the others"
            + " tasks for their owners.")
    public record ActionsSent(
            @EventField("meeting id") String meetingId,
            @EventField("approval requests made (kind meeting-action)") int approvals,
            @EventField("tasks given to their owners") int tasks,
            @EventField("items already sent before, left as they were") int unchanged,
            @EventField("login of the organiser") String by)
            implements DomainEvent {
    }

    @EventType(name = "meeting.presence.seen", summary = "The video service reported an invited"
            + " person in a running meeting for the first time.")
    public record PresenceSeen(
            @EventField("meeting id") String meetingId,
            @EventField("login of who was seen") String login,
            @EventField("the video service (bigbluebutton)") String backend,
            @EventField("when they were first seen") Instant seenAt)
            implements DomainEvent {
    }
}

package org.agencyworkspace.meetings;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.calendar.CalDavClient;
import org.agencyworkspace.connector.calendar.Invitation;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The persistent queue of calendar invitations: one row per attendee and SEQUENCE, written in
 * the same transaction as the meeting change. Each due row is delivered to the attendee's CalDAV
 * calendar; a failure leaves it PENDING with a doubling wait (so an outage only delays), and the
 * calendar client writes nothing the calendar already holds at that SEQUENCE or newer (so a
 * retry after an answer that was lost never doubles an event).
 */
public class MeetingInvitations {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingInvitations.class);

    /**
     * A due invitation.
     *
     * @param meetingId the meeting
     * @param attendee the login whose calendar it goes to
     * @param sequence the SEQUENCE it carries
     * @param attempts failed attempts so far
     */
    public record Due(String meetingId, String attendee, int sequence, int attempts) {
    }

    private final JdbcClient jdbc;
    private final Meetings meetings;
    private final CalDavClient calendar;
    private final StaffDirectory directory;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final MeetingsProperties properties;
    private final Clock clock;

    public MeetingInvitations(JdbcClient jdbc, Meetings meetings, CalDavClient calendar,
            StaffDirectory directory, AuditTrail audit, EventPublisher events,
            MeetingsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.calendar = calendar;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Invitations due now, oldest first. */
    public List<Due> due(int limit) {
        return jdbc.sql("""
                SELECT meeting_id, attendee, sequence, attempts FROM meeting_invitation
                WHERE status = 'PENDING' AND next_attempt_at <= :now ORDER BY next_attempt_at
                """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query((row, n) -> new Due(row.getString("meeting_id"), row.getString("attendee"),
                        row.getInt("sequence"), row.getInt("attempts")))
                .list().stream().limit(limit).toList();
    }

    /** Delivers one invitation, or reschedules it after a failure. Never throws for a failed call. */
    public void deliver(Due due) {
        Meeting meeting = meetings.find(due.meetingId()).orElseThrow();
        if (meeting.sequence() != due.sequence()) {
            mark(due, "SUPERSEDED", null);
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            CalDavClient.Delivery result = calendar.deliver(due.attendee(), invitation(meeting));
            jdbc.sql("""
                    UPDATE meeting_invitation SET status = 'DELIVERED', delivered_at = :now,
                        attempts = attempts + 1, last_error = NULL
                    WHERE meeting_id = :id AND attendee = :login AND sequence = :sequence
                    """)
                    .param("now", now).param("id", due.meetingId()).param("login", due.attendee())
                    .param("sequence", due.sequence()).update();
            LOG.debug("invitation {} seq {} for {}: {}", due.meetingId(), due.sequence(), due.attendee(), result);
            events.publish(new MeetingEvents.InvitationDelivered(due.meetingId(), due.attendee(),
                    due.sequence(), due.attempts() + 1), null);
        } catch (ConnectorException e) {
            int attempts = due.attempts() + 1;
            if (attempts >= properties.delivery().maxAttempts()) {
                mark(due, "FAILED", e.getMessage());
                LOG.warn("invitation {} for {} failed after {} attempts; check the CalDAV server: {}",
                        due.meetingId(), due.attendee(), attempts, e.getMessage());
                audit.record(AuditEvent.of("meeting.invitation.deliver", "process")
                        .target("meeting", due.meetingId(), meeting.level()).failure(e.getMessage())
                        .details(Map.of("attendee", due.attendee(), "sequence", String.valueOf(due.sequence())))
                        .build());
                events.publish(new MeetingEvents.InvitationFailed(due.meetingId(), due.attendee(),
                        due.sequence(), e.getMessage()), null);
                return;
            }
            Duration wait = backoff(attempts);
            jdbc.sql("""
                    UPDATE meeting_invitation SET attempts = :attempts, next_attempt_at = :next,
                        last_error = :error
                    WHERE meeting_id = :id AND attendee = :login AND sequence = :sequence
                    """)
                    .param("attempts", attempts).param("next", now.plus(wait))
                    .param("error", shorten(e.getMessage())).param("id", due.meetingId())
                    .param("login", due.attendee()).param("sequence", due.sequence()).update();
            LOG.debug("invitation {} for {} attempt {} failed, next in {}: {}", due.meetingId(),
                    due.attendee(), attempts, wait, e.getMessage());
        }
    }

    /** Counts by status for one meeting, for the meeting page and tests. */
    public Map<String, Integer> statusOf(String meetingId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM meeting_invitation WHERE meeting_id = :id GROUP BY status")
                .param("id", meetingId)
                .query(row -> {
                    counts.put(row.getString("status"), row.getInt("n"));
                });
        return counts;
    }

    /** The calendar version of the meeting as it stands now. */
    Invitation invitation(Meeting meeting) {
        boolean classified = meetings.classified(meeting);
        String page = meetings.pageUrl(meeting);
        List<Invitation.Person> attendees = new ArrayList<>();
        for (String login : meeting.attendees()) {
            attendees.add(person(login));
        }
        ZonedDateTime start = meeting.start().atZone(meetings.zone());
        String room = meeting.roomId() == null ? null : meetings.rooms().stream()
                .filter(r -> r.id().equals(meeting.roomId())).map(MeetingsProperties.Room::name)
                .findFirst().orElse(meeting.roomId());
        // A classified meeting's calendar entry points to the workspace only: calendars sync to
        // phones and mail clients, where the level's rules cannot follow.
        String description = classified
                ? "Open the workspace to join / 請開啟工作平台加入: " + page
                : "Join / 加入: " + page + "/join" + meetings.dialIn(meeting).map(MeetingInvitations::dialIn).orElse("");
        return new Invitation(meeting.id() + "@" + properties.mailDomain(), meeting.sequence(),
                meeting.status() == Meeting.Status.CANCELLED, meeting.subject(), start,
                Duration.between(meeting.start(), meeting.end()), room, description,
                java.net.URI.create(page), person(meeting.organizer()), attendees);
    }

    /** The room systems' and phones' way in, as the invitation's description carries it. */
    private static String dialIn(Meetings.DialIn dialIn) {
        StringBuilder text = new StringBuilder("\n會議室視訊設備 Room systems:");
        if (dialIn.sipUri() != null) {
            text.append(" SIP ").append(dialIn.sipUri());
        }
        if (dialIn.number() != null) {
            text.append(" / 電話 Phone ").append(dialIn.number());
        }
        return text.append(", PIN ").append(dialIn.pin()).toString();
    }

    private Invitation.Person person(String login) {
        String name = directory.find(login).map(StaffDirectory.StaffMember::displayNameEn).orElse(login);
        return new Invitation.Person(name, login + "@" + properties.mailDomain());
    }

    private void mark(Due due, String status, String error) {
        jdbc.sql("""
                UPDATE meeting_invitation SET status = :status, last_error = :error
                WHERE meeting_id = :id AND attendee = :login AND sequence = :sequence
                """)
                .param("status", status).param("error", shorten(error)).param("id", due.meetingId())
                .param("login", due.attendee()).param("sequence", due.sequence()).update();
    }

    private Duration backoff(int attempts) {
        Duration first = properties.delivery().retryDelay();
        Duration wait = first.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.delivery().maxRetryDelay()) > 0
                ? properties.delivery().maxRetryDelay() : wait;
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}

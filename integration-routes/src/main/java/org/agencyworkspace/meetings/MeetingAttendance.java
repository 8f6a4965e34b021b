package org.agencyworkspace.meetings;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.video.Participant;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.connector.video.VideoMeeting;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Attendance as the video service sees it: while a meeting runs (from the early join to the end
 * plus the grace), the people in its room are asked of the service and each invited person is
 * recorded the first time they are seen (audited, published) and their last sighting kept. People
 * the service lists who were not invited, or joined without a workspace link, are not recorded:
 * only a count goes to the log. The minutes list who was seen.
 */
@Service
public class MeetingAttendance {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingAttendance.class);

    private final JdbcClient jdbc;
    private final Meetings meetings;
    private final ObjectProvider<VideoBackend> video;
    private final MeetingsProperties properties;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public MeetingAttendance(JdbcClient jdbc, Meetings meetings, ObjectProvider<VideoBackend> video,
            MeetingsProperties properties, AuditTrail audit, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.video = video;
        this.properties = properties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks the video service who is in each running meeting. A service that cannot be reached is
     * logged and asked again on the next run. Called by {@link MeetingAttendanceRoutes}.
     *
     * @return how many people were seen for the first time
     */
    public int sample() {
        VideoBackend backend = video.getIfAvailable();
        if (backend == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<String> running = jdbc.sql("""
                SELECT id FROM meeting WHERE status = 'SCHEDULED' AND video_backend = :backend
                  AND starts_at <= :early AND ends_at >= :late ORDER BY starts_at
                """)
                .param("backend", backend.name())
                .param("early", now.plus(properties.video().earlyJoin()).atOffset(ZoneOffset.UTC))
                .param("late", now.minus(properties.video().grace()).atOffset(ZoneOffset.UTC))
                .query(String.class).list();
        int seen = 0;
        for (String id : running) {
            Meeting meeting = meetings.find(id).orElseThrow();
            try {
                seen += record(meeting, backend.participants(new VideoMeeting(meeting.id(), meeting.subject(),
                        meeting.start(), meeting.end(), !meetings.classified(meeting))), backend.name(), now);
            } catch (ConnectorException e) {
                LOG.warn("attendance of meeting {} not read from {}, trying again later: {}", id, backend.name(),
                        e.getMessage());
            }
        }
        return seen;
    }

    /** Where people in the room sign in (簽到): the check-in is recorded as attendance from here. */
    static final String IN_ROOM = "room";

    /**
     * An invited person signs in as present in the room (簽到), from the meeting's page or the API,
     * while the meeting runs (from the early join to the end plus the grace). Recorded once, like a
     * sighting by the video service; a second check-in changes nothing but the last sighting.
     *
     * @return whether this was the person's first record of presence at the meeting
     * @throws MeetingRefusedException NOT_FOUND for someone not invited (or no such meeting),
     *     CONFLICT for a cancelled meeting or outside its time
     */
    public boolean checkIn(String meetingId, String login) {
        Meeting meeting = meetings.find(meetingId).filter(found -> found.invited(login))
                .orElseThrow(() -> new MeetingRefusedException(RefusedException.Kind.NOT_FOUND,
                        "no meeting " + meetingId + " you are invited to"));
        Instant now = clock.instant();
        if (meeting.status() != Meeting.Status.SCHEDULED) {
            throw new MeetingRefusedException(RefusedException.Kind.CONFLICT, "the meeting was cancelled");
        }
        if (now.isBefore(meeting.start().minus(properties.video().earlyJoin()))
                || now.isAfter(meeting.end().plus(properties.video().grace()))) {
            throw new MeetingRefusedException(RefusedException.Kind.CONFLICT,
                    "check-in is open only while the meeting runs");
        }
        return record(meeting, List.of(new Participant(login, login, null)), IN_ROOM, now) == 1;
    }

    /** Invited people the video service reported in the meeting or who checked in, by login. */
    public List<String> present(String meetingId) {
        return jdbc.sql("SELECT login FROM meeting_presence WHERE meeting_id = :id ORDER BY login")
                .param("id", meetingId).query(String.class).list();
    }

    private int record(Meeting meeting, List<Participant> participants, String backend, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        int first = 0;
        int strangers = 0;
        for (String login : participants.stream().map(Participant::id).distinct().toList()) {
            if (!meeting.invited(login)) {
                strangers++;
                continue;
            }
            int updated = jdbc.sql("UPDATE meeting_presence SET last_seen = :at WHERE meeting_id = :id AND login = :login")
                    .param("at", at).param("id", meeting.id()).param("login", login).update();
            if (updated > 0) {
                continue;
            }
            jdbc.sql("INSERT INTO meeting_presence (meeting_id, login, first_seen, last_seen) VALUES (:id, :login, :at, :at)")
                    .param("id", meeting.id()).param("login", login).param("at", at).update();
            audit.record(AuditEvent.of("meeting.present", "process").actor(login, login)
                    .target("meeting", meeting.id(), meeting.level())
                    .details(Map.of("backend", backend)).build());
            events.publish(new MeetingEvents.PresenceSeen(meeting.id(), login, backend, now), login);
            first++;
        }
        if (strangers > 0) {
            LOG.info("meeting {}: {} people in the video room without an invitation or a workspace link",
                    meeting.id(), strangers);
        }
        return first;
    }
}

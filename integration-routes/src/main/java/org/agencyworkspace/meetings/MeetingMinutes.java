package org.agencyworkspace.meetings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.WorkspaceUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * After a meeting ends, files its minutes (會議紀錄) from the template in the meeting's folder in
 * Files ({@code /會議/<id>/會議紀錄.md}), stored as the organiser with the meeting's level and its
 * people as readers, listing who was invited, who joined the video (from the join records) and who
 * the video service reported in the meeting ({@link MeetingAttendance}).
 */
@Service
public class MeetingMinutes {

    private static final Logger LOG = LoggerFactory.getLogger(MeetingMinutes.class);
    static final String FOLDER = "會議";

    private final JdbcClient jdbc;
    private final Meetings meetings;
    private final FileUploads uploads;
    private final StaffDirectory directory;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;
    private final MeetingAttendance attendance;
    private final String template;

    public MeetingMinutes(JdbcClient jdbc, Meetings meetings, FileUploads uploads,
            StaffDirectory directory, AuditTrail audit, EventPublisher events, Clock clock,
            MeetingAttendance attendance) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.uploads = uploads;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.attendance = attendance;
        try (InputStream in = MeetingMinutes.class.getResourceAsStream("/meetings/minutes-template.md")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("minutes template missing", e);
        }
    }

    /**
     * Files the minutes of every meeting that has ended and has none yet. A meeting whose
     * minutes cannot be filed (a label refused, the store down) is logged and tried again on
     * the next run. Called by {@link MeetingMinutesRoutes}.
     *
     * @return how many were filed
     */
    public int fileDue() {
        List<String> ended = jdbc.sql("SELECT id FROM meeting WHERE status = 'SCHEDULED'"
                        + " AND minutes_path IS NULL AND ends_at <= :now ORDER BY ends_at")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(String.class).list();
        int filed = 0;
        for (String id : ended) {
            try {
                file(meetings.find(id).orElseThrow());
                filed++;
            } catch (RuntimeException e) {
                LOG.warn("minutes of meeting {} not filed, trying again later: {}", id, e.getMessage());
            }
        }
        return filed;
    }

    private void file(Meeting meeting) {
        FilePath path = FilePath.of("/" + FOLDER + "/" + meeting.id() + "/會議紀錄.md");
        WorkspaceUser organizer = directory.find(meeting.organizer())
                .map(member -> new WorkspaceUser(member.login(), member.displayNameEn(), List.of("staff"),
                        member.departments(), member.clearance()))
                .orElseThrow(() -> new IllegalStateException("organiser " + meeting.organizer() + " left"));
        List<String> joined = audit.recent(new AuditQuery(null, "meeting.join", meeting.id(), 500)).stream()
                .filter(event -> event.outcome() == AuditEvent.Outcome.SUCCESS && event.target() != null
                        && meeting.id().equals(event.target().id()))
                .map(event -> event.actor().id()).distinct().sorted().toList();
        List<String> present = attendance.present(meeting.id());
        String text = template.replace("{subject}", meeting.subject())
                .replace("{when}", meetings.when(meeting))
                .replace("{room}", meeting.roomId() == null ? "-" : meeting.roomId())
                .replace("{level}", meeting.level())
                .replace("{organizer}", meeting.organizer())
                .replace("{invited}", String.join(", ", meeting.attendees()))
                .replace("{joined}", joined.isEmpty() ? "-" : String.join(", ", joined))
                .replace("{present}", present.isEmpty() ? "-" : String.join(", ", present));
        List<String> readers = new ArrayList<>(meeting.attendees());
        readers.add(meeting.organizer());
        LabelRequest label = meetings.classified(meeting)
                ? new LabelRequest(meeting.level(), "會議 " + meeting.id() + " 之紀錄 (minutes of a "
                        + meeting.level() + " meeting)", null, null,
                        "依召集人核定解除 (as the organiser decides)", false, readers, List.of())
                : null;
        uploads.store(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), label, organizer);
        jdbc.sql("UPDATE meeting SET minutes_path = :path WHERE id = :id")
                .param("path", path.toString()).param("id", meeting.id()).update();
        audit.record(AuditEvent.of("meeting.minutes", "file").actor(meeting.organizer(), meeting.organizer())
                .target("file", path.toString(), meeting.level())
                .details(Map.of("meeting", meeting.id(), "joined", String.valueOf(joined.size()))).build());
        events.publish(new MeetingEvents.MinutesFiled(meeting.id(), path.toString(), meeting.level(),
                joined.size()), meeting.organizer());
    }
}

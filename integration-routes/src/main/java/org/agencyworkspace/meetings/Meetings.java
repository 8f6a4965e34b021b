package org.agencyworkspace.meetings;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.connector.video.VideoMeeting;
import org.agencyworkspace.connector.video.VideoRoom;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationLevel;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules, moves and cancels meetings. Each change happens in one transaction with everything
 * it causes: the room booking, the video room, the invitations queued for every attendee's
 * calendar (delivered by {@link MeetingInvitationRoutes}), the chat notices in the outbox, the
 * audit record and the domain event; so a refused change leaves nothing half-done.
 *
 * <p>Classified meetings (any level that needs a step-up, 密 and above) never put the video link
 * in a notice or calendar: only the address of the meeting's page in the workspace, where joining
 * needs a recent step-up and only invited people get a link.
 */
@Service
public class Meetings {

    private static final Logger LOG = LoggerFactory.getLogger(Meetings.class);

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * What an organiser asks for.
     *
     * @param subject title
     * @param start local date and time in the workspace's zone (Asia/Taipei)
     * @param durationMinutes length, 5 minutes to 12 hours
     * @param attendees logins
     * @param groups departments or roles whose members are all invited
     * @param room room id, or null for online only
     * @param level classification level code; null means unmarked
     */
    public record Request(String subject, LocalDateTime start, Integer durationMinutes,
            List<String> attendees, List<String> groups, String room, String level) {
    }

    private final JdbcClient jdbc;
    private final StaffDirectory directory;
    private final ClassificationScheme classification;
    private final Messenger messenger;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final MeetingsProperties properties;
    private final ObjectProvider<VideoBackend> video;
    private final ZoneId zone;
    private final String workspaceUrl;

    public Meetings(JdbcClient jdbc, StaffDirectory directory, ClassificationScheme classification,
            Messenger messenger, EventPublisher events, AuditTrail audit, Clock clock,
            MeetingsProperties properties, ObjectProvider<VideoBackend> video,
            WorkspaceProperties workspace) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.classification = classification;
        this.messenger = messenger;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.video = video;
        this.zone = workspace.timeZone();
        this.workspaceUrl = workspace.publicBase();
    }

    /**
     * Schedules a meeting.
     *
     * @throws IllegalArgumentException on a missing or malformed field, a time in the past, a
     *     person or group unknown to the directory, an unknown room or level
     * @throws MeetingConflictException when the room is booked for part of that time
     */
    @Transactional
    public Meeting schedule(Request request, String organizer) {
        String subject = require(request.subject(), "subject", 300);
        ClassificationLevel level = level(request.level());
        // The organiser files the minutes at the meeting's level, so must be cleared for it.
        String clearance = directory.find(organizer).map(StaffDirectory.StaffMember::clearance)
                .orElse(classification.unmarked().code());
        if (classification.rank(clearance) < classification.rank(level.code())) {
            throw new IllegalArgumentException("your clearance " + clearance
                    + " does not allow calling a meeting at " + level.code());
        }
        Instant start = start(request.start());
        Instant end = start.plus(duration(request.durationMinutes()));
        List<String> attendees = attendees(request.attendees(), request.groups(), organizer);
        String room = request.room() == null || request.room().isBlank() ? null : request.room();
        String id = newId();
        if (room != null) {
            book(room, id, start, end);
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Optional<VideoBackend> backend = Optional.ofNullable(video.getIfAvailable());
        VideoMeeting videoMeeting = new VideoMeeting(id, subject, start, end, !classified(level));
        VideoRoom videoRoom = backend.map(service -> service.open(videoMeeting)).orElse(null);
        backend.ifPresent(service -> endUnlessCommitted(service, videoMeeting));
        jdbc.sql("""
                INSERT INTO meeting (id, subject, organizer, starts_at, ends_at, room_id, level, status,
                    sequence, video_backend, video_room_url, dial_in_pin, created_at, updated_at)
                VALUES (:id, :subject, :organizer, :start, :end, :room, :level, 'SCHEDULED', 0,
                    :backend, :roomUrl, :pin, :now, :now)
                """)
                .param("id", id).param("subject", subject).param("organizer", organizer)
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                .param("room", room).param("level", level.code())
                .param("backend", videoRoom == null ? null : videoRoom.backend())
                .param("roomUrl", videoRoom == null ? null : videoRoom.roomUrl().toString())
                .param("pin", videoRoom == null ? null : videoRoom.dialInPin())
                .param("now", now).update();
        for (String login : attendees) {
            jdbc.sql("INSERT INTO meeting_attendee (meeting_id, login) VALUES (:id, :login)")
                    .param("id", id).param("login", login).update();
        }
        Meeting meeting = find(id).orElseThrow();
        queueInvitations(meeting);
        notify(meeting, "meeting.scheduled");
        audit.record(AuditEvent.of("meeting.schedule", "process").actor(organizer, organizer)
                .target("meeting", id, level.code())
                .details(Map.of("room", String.valueOf(room), "attendees",
                        String.valueOf(attendees.size()), "start", start.toString()))
                .build());
        events.publish(new MeetingEvents.Scheduled(id, subject, organizer, start, end, room,
                level.code(), attendees.size(), meeting.videoBackend()), organizer);
        return meeting;
    }

    /**
     * The video room is opened before the meeting's rows are written, inside their transaction;
     * if that transaction does not commit (a failure further on), the room is ended again so no
     * room the workspace does not know of stays open on the video service.
     */
    private static void endUnlessCommitted(VideoBackend service, VideoMeeting meeting) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    return;
                }
                try {
                    service.end(meeting);
                } catch (RuntimeException e) {
                    LOG.warn("Video room of unscheduled meeting {} could not be ended on {}: {}",
                            meeting.id(), service.name(), e.getMessage());
                }
            }
        });
    }

    /**
     * Moves a meeting to a new time (and length); calendars get the next SEQUENCE.
     *
     * @throws IllegalArgumentException when the meeting does not exist, is cancelled, the time
     *     is in the past, or {@code by} is not its organiser
     * @throws MeetingConflictException when the room is booked at the new time
     */
    @Transactional
    public Meeting move(String id, LocalDateTime newStart, Integer durationMinutes, String by) {
        Meeting meeting = changeable(id, by);
        Instant start = start(newStart);
        Instant end = start.plus(durationMinutes == null
                ? Duration.between(meeting.start(), meeting.end()) : duration(durationMinutes));
        if (meeting.roomId() != null) {
            book(meeting.roomId(), id, start, end);
        }
        int sequence = meeting.sequence() + 1;
        jdbc.sql("""
                UPDATE meeting SET starts_at = :start, ends_at = :end, sequence = :sequence,
                    reminded_at = NULL, updated_at = :now WHERE id = :id
                """)
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                .param("sequence", sequence).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", id).update();
        Meeting moved = find(id).orElseThrow();
        queueInvitations(moved);
        notify(moved, "meeting.moved");
        audit.record(AuditEvent.of("meeting.move", "process").actor(by, by)
                .target("meeting", id, moved.level())
                .details(Map.of("start", start.toString(), "sequence", String.valueOf(sequence)))
                .build());
        events.publish(new MeetingEvents.Moved(id, start, end, sequence, by), by);
        return moved;
    }

    /**
     * Cancels a meeting: the room is free again and calendars get METHOD:CANCEL.
     *
     * @throws IllegalArgumentException when the meeting does not exist, is cancelled already,
     *     or {@code by} is not its organiser
     */
    @Transactional
    public Meeting cancel(String id, String by) {
        Meeting meeting = changeable(id, by);
        int sequence = meeting.sequence() + 1;
        jdbc.sql("UPDATE meeting SET status = 'CANCELLED', sequence = :sequence, updated_at = :now"
                        + " WHERE id = :id")
                .param("sequence", sequence).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", id).update();
        Meeting cancelled = find(id).orElseThrow();
        queueInvitations(cancelled);
        notify(cancelled, "meeting.cancelled");
        audit.record(AuditEvent.of("meeting.cancel", "process").actor(by, by)
                .target("meeting", id, cancelled.level())
                .details(Map.of("sequence", String.valueOf(sequence))).build());
        events.publish(new MeetingEvents.Cancelled(id, sequence, by), by);
        return cancelled;
    }

    public Optional<Meeting> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM meeting WHERE id = :id").param("id", id.toUpperCase(java.util.Locale.ROOT))
                .query(this::map).optional().map(this::withAttendees);
    }

    /** Meetings the person calls or is invited to that start on {@code day} (workspace zone). */
    public List<Meeting> on(LocalDate day, String login) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                SELECT m.* FROM meeting m WHERE m.status = 'SCHEDULED'
                  AND m.starts_at >= :from AND m.starts_at < :to
                  AND (m.organizer = :login OR EXISTS (SELECT 1 FROM meeting_attendee a
                       WHERE a.meeting_id = m.id AND a.login = :login))
                ORDER BY m.starts_at
                """)
                .param("from", from.atOffset(ZoneOffset.UTC)).param("to", to.atOffset(ZoneOffset.UTC))
                .param("login", login).query(this::map).list().stream().map(this::withAttendees).toList();
    }

    /** Scheduled meetings of the person from now on, soonest first. */
    public List<Meeting> upcoming(String login, int limit) {
        return jdbc.sql("""
                SELECT m.* FROM meeting m WHERE m.status = 'SCHEDULED' AND m.ends_at >= :now
                  AND (m.organizer = :login OR EXISTS (SELECT 1 FROM meeting_attendee a
                       WHERE a.meeting_id = m.id AND a.login = :login))
                ORDER BY m.starts_at
                """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("login", login)
                .query(this::map).list().stream().limit(limit).map(this::withAttendees).toList();
    }

    /** Whether the meeting's level needs a step-up to join (密 and above). */
    public boolean classified(Meeting meeting) {
        return classified(classification.level(meeting.level()));
    }

    /** The configured rooms, for the scheduling page. */
    public List<MeetingsProperties.Room> rooms() {
        return properties.rooms();
    }

    /** The levels a meeting may have: those the workspace accepts for new content. */
    public List<ClassificationLevel> levels() {
        return classification.levels().stream().filter(ClassificationLevel::acceptedAtUpload).toList();
    }

    /** The agency's time zone, which meeting times are local to. */
    public ZoneId zone() {
        return zone;
    }

    /** The meeting's time in the workspace's zone, as notices show it. */
    public String when(Meeting meeting) {
        return WHEN.format(meeting.start().atZone(zone)) + "–"
                + DateTimeFormatter.ofPattern("HH:mm").format(meeting.end().atZone(zone))
                + " (" + zone.getId() + ")";
    }

    /**
     * How a room system or phone joins: the PIN the video service published with the configured
     * gateway. Only for invitees (callers check), and never for a classified meeting: a room
     * system cannot confirm a person's sign-in.
     *
     * @param sipUri what a room system's codec calls, or null without a SIP domain
     * @param number the phone number, or null
     * @param pin the meeting's PIN
     */
    public record DialIn(String sipUri, String number, String pin) {
    }

    public Optional<DialIn> dialIn(Meeting meeting) {
        MeetingsProperties.DialIn gateway = properties.video().dialIn();
        if (classified(meeting) || meeting.status() != Meeting.Status.SCHEDULED
                || (gateway.sipDomain() == null && gateway.number() == null)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT dial_in_pin FROM meeting WHERE id = :id").param("id", meeting.id())
                .query(String.class).optional()
                .map(pin -> new DialIn(gateway.sipDomain() == null ? null : "sip:" + pin + "@" + gateway.sipDomain(),
                        gateway.number(), pin));
    }

    /** The meeting's page in the workspace. */
    public String pageUrl(Meeting meeting) {
        return workspaceUrl + "/meetings/" + meeting.id();
    }

    /**
     * Reminds attendees of meetings starting within the reminder window, once per meeting (and
     * again after it is moved). Called by {@link MeetingReminderRoutes}.
     *
     * @return how many meetings were reminded
     */
    @Transactional
    public int remindDue() {
        Instant now = clock.instant();
        List<Meeting> due = jdbc.sql("""
                SELECT * FROM meeting WHERE status = 'SCHEDULED' AND reminded_at IS NULL
                  AND starts_at > :now AND starts_at <= :until
                """)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("until", now.plus(properties.reminderBefore()).atOffset(ZoneOffset.UTC))
                .query(this::map).list().stream().map(this::withAttendees).toList();
        for (Meeting meeting : due) {
            int claimed = jdbc.sql("UPDATE meeting SET reminded_at = :now WHERE id = :id AND reminded_at IS NULL")
                    .param("now", now.atOffset(ZoneOffset.UTC)).param("id", meeting.id()).update();
            if (claimed == 1) {
                notify(meeting, "meeting.reminder");
                events.publish(new MeetingEvents.Reminded(meeting.id(), meeting.start()), null);
            }
        }
        return due.size();
    }

    private Meeting changeable(String id, String by) {
        Meeting meeting = find(id).orElseThrow(() -> new IllegalArgumentException("no meeting " + id));
        if (!meeting.organizer().equals(by)) {
            throw new IllegalArgumentException("only the organiser may change meeting " + id);
        }
        if (meeting.status() == Meeting.Status.CANCELLED) {
            throw new IllegalArgumentException("meeting " + id + " is cancelled");
        }
        return meeting;
    }

    /**
     * Books the room for [start, end) or refuses. Locking the room's row first makes concurrent
     * bookings of one room wait for each other, so the overlap check sees every committed
     * booking (the database has no portable exclusion constraint for time ranges).
     */
    private void book(String room, String meetingId, Instant start, Instant end) {
        if (properties.rooms().stream().noneMatch(r -> r.id().equals(room))) {
            throw new IllegalArgumentException("unknown room " + room);
        }
        jdbc.sql("SELECT id FROM meeting_room WHERE id = :room FOR UPDATE").param("room", room)
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("room " + room + " not registered"));
        List<String> overlapping = jdbc.sql("""
                SELECT id FROM meeting WHERE room_id = :room AND status = 'SCHEDULED' AND id <> :id
                  AND starts_at < :end AND ends_at > :start
                """)
                .param("room", room).param("id", meetingId)
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                .query(String.class).list();
        if (!overlapping.isEmpty()) {
            throw new MeetingConflictException("room " + room + " is booked by meeting "
                    + overlapping.get(0) + " for part of that time");
        }
    }

    private void queueInvitations(Meeting meeting) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        // An older version not yet delivered would only be skipped by the calendar; retire it.
        jdbc.sql("UPDATE meeting_invitation SET status = 'SUPERSEDED' WHERE meeting_id = :id"
                        + " AND status = 'PENDING' AND sequence < :sequence")
                .param("id", meeting.id()).param("sequence", meeting.sequence()).update();
        Set<String> people = new LinkedHashSet<>();
        people.add(meeting.organizer());
        people.addAll(meeting.attendees());
        for (String login : people) {
            jdbc.sql("""
                    INSERT INTO meeting_invitation (meeting_id, attendee, sequence, status, attempts,
                        next_attempt_at) VALUES (:id, :login, :sequence, 'PENDING', 0, :now)
                    """)
                    .param("id", meeting.id()).param("login", login)
                    .param("sequence", meeting.sequence()).param("now", now).update();
        }
    }

    /**
     * Tells the meeting's chat room and every attendee. A classified meeting's notice carries
     * only the address of its page in the workspace; others also the video room's address
     * (which admits nobody without the personal link the page hands out).
     */
    private void notify(Meeting meeting, String template) {
        boolean classified = classified(meeting);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("id", meeting.id());
        parameters.put("subject", meeting.subject());
        parameters.put("when", when(meeting));
        parameters.put("room", meeting.roomId() == null ? "-" : roomName(meeting.roomId()));
        parameters.put("page", pageUrl(meeting));
        parameters.put("video", classified || meeting.videoRoomUrl() == null ? "-"
                : meeting.videoRoomUrl().toString());
        String key = classified ? template + "-classified" : template;
        messenger.send(OutgoingMessage.of(Recipient.room(chatRoom(meeting)), key, parameters));
        Set<String> people = new LinkedHashSet<>(meeting.attendees());
        people.add(meeting.organizer());
        for (String login : people) {
            messenger.send(OutgoingMessage.of(Recipient.user(login), key, parameters));
        }
    }

    /** The name of the meeting's chat room; the chat capability keeps one room per name. */
    public static String chatRoom(Meeting meeting) {
        return "meeting-" + meeting.id().toLowerCase(java.util.Locale.ROOT);
    }

    private String roomName(String roomId) {
        return properties.rooms().stream().filter(r -> r.id().equals(roomId))
                .map(MeetingsProperties.Room::name).findFirst().orElse(roomId);
    }

    private ClassificationLevel level(String code) {
        String wanted = code == null || code.isBlank() ? classification.unmarked().code() : code;
        ClassificationLevel level = classification.find(wanted)
                .orElseThrow(() -> new IllegalArgumentException("unknown level " + wanted));
        if (!level.acceptedAtUpload()) {
            throw new IllegalArgumentException("meetings at level " + level.nameZh()
                    + " need a certified system and are not held here");
        }
        return level;
    }

    private static boolean classified(ClassificationLevel level) {
        return level.stepUp();
    }

    private Instant start(LocalDateTime start) {
        if (start == null) {
            throw new IllegalArgumentException("start required");
        }
        Instant instant = start.atZone(zone).toInstant();
        if (!instant.isAfter(clock.instant())) {
            throw new IllegalArgumentException("the start " + start + " is in the past");
        }
        return instant;
    }

    private static Duration duration(Integer minutes) {
        if (minutes == null || minutes < 5 || minutes > 720) {
            throw new IllegalArgumentException("durationMinutes must be 5 to 720");
        }
        return Duration.ofMinutes(minutes);
    }

    private List<String> attendees(List<String> logins, List<String> groups, String organizer) {
        Set<String> people = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String login : logins == null ? List.<String>of() : logins) {
            if (login == null || login.isBlank()) {
                continue;
            }
            String trimmed = login.strip();
            if (directory.find(trimmed).filter(StaffDirectory.StaffMember::enabled).isPresent()) {
                people.add(trimmed);
            } else {
                unknown.add(trimmed);
            }
        }
        for (String group : groups == null ? List.<String>of() : groups) {
            if (group == null || group.isBlank()) {
                continue;
            }
            if (!directory.groupExists(group.strip())) {
                unknown.add("group " + group.strip());
                continue;
            }
            people.addAll(directory.membersOf(group.strip()));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown to the directory: " + String.join(", ", unknown));
        }
        people.remove(organizer);
        if (people.isEmpty()) {
            throw new IllegalArgumentException("invite at least one person or group");
        }
        if (people.size() > properties.maxAttendees()) {
            throw new IllegalArgumentException("at most " + properties.maxAttendees() + " attendees");
        }
        return List.copyOf(people);
    }

    private static String require(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("M");
        for (int i = 0; i < 9; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * The meeting's attendees, read after its row: asking for them while the row was still
     * being read held one pooled connection and waited for a second (issue 22).
     */
    private Meeting withAttendees(Meeting meeting) {
        List<String> attendees = jdbc.sql("SELECT login FROM meeting_attendee WHERE meeting_id = :id ORDER BY login")
                .param("id", meeting.id()).query(String.class).list();
        return new Meeting(meeting.id(), meeting.subject(), meeting.organizer(), meeting.start(), meeting.end(),
                meeting.roomId(), meeting.level(), meeting.status(), meeting.sequence(), meeting.videoBackend(),
                meeting.videoRoomUrl(), attendees);
    }

    /** The meeting's own row; {@link #withAttendees} completes it. */
    private Meeting map(ResultSet row, int rowNumber) throws SQLException {
        String id = row.getString("id");
        List<String> attendees = List.of();
        String roomUrl = row.getString("video_room_url");
        return new Meeting(id, row.getString("subject"), row.getString("organizer"),
                row.getObject("starts_at", OffsetDateTime.class).toInstant(),
                row.getObject("ends_at", OffsetDateTime.class).toInstant(),
                row.getString("room_id"), row.getString("level"),
                Meeting.Status.valueOf(row.getString("status")), row.getInt("sequence"),
                row.getString("video_backend"), roomUrl == null ? null : URI.create(roomUrl),
                attendees);
    }
}

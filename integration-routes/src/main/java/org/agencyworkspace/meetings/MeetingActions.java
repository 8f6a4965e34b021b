package org.agencyworkspace.meetings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.platform.RefusedException.Kind;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the action items written in a meeting's minutes into work: an item that names who must
 * decide becomes a request in the approvals registry (kind {@code meeting-action}, decided on the
 * approvals page or with {@code !approve} in chat); any other item is a task for its owner, who is
 * told. The organiser sends them when the minutes are filled in; sending again only sends the
 * items added since (an item is the same item while its text and owner are), and one bad row
 * refuses the whole sending, so nothing is half-sent.
 */
@Service
public class MeetingActions {

    static final String APPROVAL_KIND = "meeting-action";
    private static final int MAX_MINUTES_BYTES = 1 << 20;

    /**
     * An action item sent from a meeting.
     *
     * @param item what is to be done; for a classified meeting only on its page
     * @param owner who does it
     * @param due by when, or null
     * @param decisionBy the role that decides, or null for a task
     * @param approvalId the approval request, or null for a task
     */
    public record Action(String item, String owner, LocalDate due, String decisionBy, String approvalId) {
    }

    /**
     * What one sending did.
     *
     * @param approvals requests made
     * @param tasks tasks given
     * @param unchanged items sent before
     */
    public record Sent(int approvals, int tasks, int unchanged) {
    }

    private final JdbcClient jdbc;
    private final Meetings meetings;
    private final FileStore files;
    private final StaffDirectory directory;
    private final Approvals approvals;
    private final Messenger messenger;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public MeetingActions(JdbcClient jdbc, Meetings meetings, FileStore files, StaffDirectory directory,
            Approvals approvals, Messenger messenger, AuditTrail audit, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.meetings = meetings;
        this.files = files;
        this.directory = directory;
        this.approvals = approvals;
        this.messenger = messenger;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends the action items of the meeting's filed minutes.
     *
     * @throws MeetingRefusedException 404 for no such meeting, 403 for anyone but the organiser,
     *     409 before the minutes are filed, 422 naming each bad row
     */
    @Transactional
    public Sent send(String meetingId, String by) {
        Meeting meeting = meetings.find(meetingId).filter(found -> found.invited(by))
                .orElseThrow(() -> new MeetingRefusedException(Kind.NOT_FOUND, "no meeting " + meetingId));
        if (!meeting.organizer().equals(by)) {
            throw new MeetingRefusedException(Kind.FORBIDDEN, "only the organiser sends the action items");
        }
        String path = jdbc.sql("SELECT minutes_path FROM meeting WHERE id = :id").param("id", meeting.id())
                .query(String.class).optional().orElse(null);
        if (path == null) {
            throw new MeetingRefusedException(Kind.CONFLICT, "the minutes are filed when the meeting has ended");
        }
        List<Action> actions = validate(ActionItems.read(read(path)));
        boolean classified = meetings.classified(meeting);
        int requested = 0;
        int tasks = 0;
        int unchanged = 0;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            String key = key(action);
            boolean sent = jdbc.sql("SELECT COUNT(*) FROM meeting_action WHERE meeting_id = :id AND item_key = :key")
                    .param("id", meeting.id()).param("key", key).query(Long.class).single() > 0;
            if (sent) {
                unchanged++;
                continue;
            }
            // Approval subjects and notices leave the level's protection: a classified meeting's
            // items are named by number only, their text stays on the meeting's page.
            String title = classified ? "會議 " + meeting.id() + " 待辦事項 action item " + (i + 1)
                    : meeting.subject() + "：" + action.item();
            String approvalId = null;
            if (action.decisionBy() != null) {
                approvalId = request(shorten(title, 300), meeting, by, action, i + 1).id();
                requested++;
            } else {
                Map<String, String> parameters = new HashMap<>();
                parameters.put("item", shorten(title, 300));
                parameters.put("due", action.due() == null ? "-" : action.due().toString());
                parameters.put("page", meetings.pageUrl(meeting));
                messenger.send(OutgoingMessage.of(Recipient.user(action.owner()), "meeting.action.task", parameters));
                tasks++;
            }
            jdbc.sql("""
                    INSERT INTO meeting_action (meeting_id, item_key, item, owner, due, decision_by, approval_id,
                        created_at) VALUES (:id, :key, :item, :owner, :due, :decisionBy, :approval, :now)
                    """)
                    .param("id", meeting.id()).param("key", key).param("item", action.item())
                    .param("owner", action.owner()).param("due", action.due())
                    .param("decisionBy", action.decisionBy()).param("approval", approvalId)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        }
        audit.record(AuditEvent.of("meeting.actions", "process").actor(by, by)
                .target("meeting", meeting.id(), meeting.level())
                .details(Map.of("approvals", String.valueOf(requested), "tasks", String.valueOf(tasks),
                        "unchanged", String.valueOf(unchanged))).build());
        events.publish(new MeetingEvents.ActionsSent(meeting.id(), requested, tasks, unchanged, by), by);
        return new Sent(requested, tasks, unchanged);
    }

    private Approval request(String subject, Meeting meeting, String by, Action action, int row) {
        try {
            return approvals.request(APPROVAL_KIND, subject, "/meetings/" + meeting.id(), by, action.decisionBy());
        } catch (IllegalArgumentException e) {
            throw new MeetingRefusedException(Kind.INVALID, "action item " + row + ": " + e.getMessage());
        }
    }

    /** The action items sent from the meeting, in the order they were sent. */
    public List<Action> of(String meetingId) {
        return jdbc.sql("SELECT * FROM meeting_action WHERE meeting_id = :id ORDER BY created_at, item_key")
                .param("id", meetingId)
                .query((row, n) -> new Action(row.getString("item"), row.getString("owner"),
                        row.getObject("due", LocalDate.class), row.getString("decision_by"),
                        row.getString("approval_id")))
                .list();
    }

    private List<Action> validate(List<ActionItems.Row> rows) {
        List<String> problems = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        for (ActionItems.Row row : rows) {
            String at = "action item " + row.row() + ": ";
            if (row.item().isEmpty() || row.item().length() > 500) {
                problems.add(at + "the item must be 1 to 500 characters");
            }
            if (directory.find(row.owner()).filter(StaffDirectory.StaffMember::enabled).isEmpty()) {
                problems.add(at + "owner '" + shorten(row.owner(), 100) + "' is not a person in the directory");
            }
            LocalDate due = null;
            if (!row.due().isEmpty()) {
                try {
                    due = LocalDate.parse(row.due());
                } catch (DateTimeParseException e) {
                    problems.add(at + "due '" + shorten(row.due(), 40) + "' is not a date (yyyy-MM-dd)");
                }
            }
            String decisionBy = row.decisionBy().isEmpty() ? null : row.decisionBy();
            if (decisionBy != null && (decisionBy.length() > 100 || !directory.groupExists(decisionBy))) {
                problems.add(at + "'" + shorten(decisionBy, 100) + "' is not a role or department that can decide");
            }
            actions.add(new Action(row.item(), row.owner(), due, decisionBy, null));
        }
        if (!problems.isEmpty()) {
            throw new MeetingRefusedException(Kind.INVALID, problems);
        }
        return actions;
    }

    private String read(String path) {
        try (InputStream in = files.open(FilePath.of(path))) {
            byte[] bytes = in.readNBytes(MAX_MINUTES_BYTES + 1);
            if (bytes.length > MAX_MINUTES_BYTES) {
                throw new MeetingRefusedException(Kind.INVALID, "the minutes are larger than 1 MB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Action action) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((action.item() + "\u0000" + action.owner()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

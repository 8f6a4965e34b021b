package org.agencyworkspace.approvals;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.web.WorkspaceLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The generic approvals registry chat commands act on: a workflow asks for a decision by a role;
 * the role's holders are notified (with the {@code !approve}/{@code !reject} commands and a link);
 * one of them decides, once. Deciding is refused to whoever lacks the role and to the requester
 * (no one approves their own request). Every request and decision is audited.
 */
@Service
public class Approvals {

    /** Short ids without look-alike characters, typed by people on a phone. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #decide} did. */
    public enum Outcome { DECIDED, NOT_FOUND, ALREADY_DECIDED, NOT_PERMITTED, OWN_REQUEST }

    /**
     * @param outcome what happened
     * @param approval the request afterwards; null when not found
     */
    public record Decision(Outcome outcome, Approval approval) {
    }

    private final JdbcClient jdbc;
    private final StaffDirectory directory;
    private final Messenger messenger;
    private final EventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final String workspaceUrl;

    @Autowired
    public Approvals(JdbcClient jdbc, StaffDirectory directory, Messenger messenger,
            EventPublisher events, AuditTrail audit, Clock clock, WorkspaceProperties workspace) {
        this(jdbc, directory, messenger, events, audit, clock, workspace.publicUrl());
    }

    /** @param workspaceUrl the workspace's public address, which links in notices start with */
    public Approvals(JdbcClient jdbc, StaffDirectory directory, Messenger messenger,
            EventPublisher events, AuditTrail audit, Clock clock, URI workspaceUrl) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.messenger = messenger;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        String url = workspaceUrl.toString();
        this.workspaceUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Records a request and notifies the approver role, in one transaction with the outbox.
     *
     * @param link where the request is opened: a path in the workspace ({@code /expenses/1}), so
     *     a notice never sends people elsewhere; null for the approvals page
     * @throws IllegalArgumentException when the role has no holder, a field is missing or the
     *     link is not a workspace path
     */
    @Transactional
    public Approval request(String kind, String subject, String link, String requester,
            String approverRole) {
        return request(kind, subject, link, requester, approverRole, Approval.Scope.AGENCY);
    }

    /**
     * Asks for a decision by a holder of {@code approverRole} within {@code scope}: with
     * {@link Approval.Scope#REQUESTER_DEPARTMENTS} only the requester's supervisors (holders who
     * share a department with them) are told and may decide.
     *
     * @throws IllegalArgumentException when nobody but the requester could decide, a field is
     *     missing or the link is not a workspace path
     */
    @Transactional
    public Approval request(String kind, String subject, String link, String requester,
            String approverRole, Approval.Scope scope) {
        require(kind, "kind", 64);
        require(subject, "subject", 300);
        require(requester, "requester", 100);
        require(approverRole, "approverRole", 100);
        if (link != null) {
            WorkspaceLinks.require(link);
        }
        if (directory.membersOf(approverRole).isEmpty()) {
            throw new IllegalArgumentException("nobody holds the role " + approverRole);
        }
        List<String> supervisors = scope == Approval.Scope.REQUESTER_DEPARTMENTS
                ? approvers(approverRole, scope, requester).stream()
                        .filter(login -> !login.equals(requester)).toList()
                : List.of();
        if (scope == Approval.Scope.REQUESTER_DEPARTMENTS && supervisors.isEmpty()) {
            throw new IllegalArgumentException("nobody in " + requester + "'s departments holds the role "
                    + approverRole);
        }
        String id = newId();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO approval (id, kind, subject, link, requester, approver_role, status, created_at,
                    within_department)
                VALUES (:id, :kind, :subject, :link, :requester, :role, 'PENDING', :now, :withinDepartment)
                """)
                .param("id", id).param("kind", kind).param("subject", subject).param("link", link)
                .param("requester", requester).param("role", approverRole).param("now", now)
                .param("withinDepartment", scope == Approval.Scope.REQUESTER_DEPARTMENTS)
                .update();
        Map<String, String> parameters = new HashMap<>(Map.of("id", id, "kind", kind,
                "subject", subject, "requester", requester));
        parameters.put("link", workspaceUrl + (link == null ? "/approvals" : link));
        if (scope == Approval.Scope.REQUESTER_DEPARTMENTS) {
            supervisors.forEach(login -> messenger.send(OutgoingMessage.of(Recipient.user(login),
                    "approval.requested", parameters)));
        } else {
            messenger.send(OutgoingMessage.of(Recipient.group(approverRole), "approval.requested",
                    parameters));
        }
        audit.record(AuditEvent.of("approval.request", "process").actor(requester, requester)
                .target("approval", id).details(Map.of("kind", kind, "approverRole", approverRole,
                        "scope", scope.name()))
                .build());
        events.publish(new ApprovalEvents.Requested(id, kind, subject, link, requester,
                approverRole), requester);
        return find(id).orElseThrow();
    }

    public Optional<Approval> find(String id) {
        return jdbc.sql("SELECT * FROM approval WHERE id = :id")
                .param("id", id == null ? "" : id.toUpperCase(java.util.Locale.ROOT))
                .query(Approvals::map).optional();
    }

    /** Pending requests the person may decide (they hold the role and did not ask themselves). */
    public List<Approval> pendingFor(String login) {
        return jdbc.sql("SELECT * FROM approval WHERE status = 'PENDING' AND requester <> :login "
                        + "ORDER BY created_at")
                .param("login", login)
                .query(Approvals::map).list().stream()
                .filter(approval -> mayDecide(approval, login))
                .toList();
    }

    /** Whether the person holds the approval's role, within its scope. */
    public boolean mayDecide(Approval approval, String login) {
        return approvers(approval.approverRole(), approval.scope(), approval.requester()).contains(login);
    }

    /** Holders of the role; for a supervisor's decision, those sharing a department with the requester. */
    private List<String> approvers(String role, Approval.Scope scope, String requester) {
        List<String> holders = directory.membersOf(role);
        if (scope == Approval.Scope.AGENCY) {
            return holders;
        }
        List<String> departments = directory.find(requester).map(StaffDirectory.StaffMember::departments)
                .orElse(List.of());
        return holders.stream().filter(login -> departments.stream()
                .anyMatch(department -> directory.membersOf(department).contains(login))).toList();
    }

    /**
     * Which requests to show: each part left null matches all.
     *
     * @param status the state
     * @param kind the kind, e.g. {@code expense-claim}
     * @param from the first day asked (in {@code zone})
     * @param to the last day asked (in {@code zone})
     * @param zone the agency's time zone, whose days these are
     */
    public record Filter(Approval.Status status, String kind, LocalDate from, LocalDate to, ZoneId zone) {
    }

    /** The person's own requests, any state, newest first, as {@code filter} narrows them. */
    public List<Approval> requestsOf(String login, Filter filter) {
        return filtered("requester = :login", login, filter);
    }

    /**
     * The approver's queue: what waits for the person's decision, or (filtered by APPROVED or
     * REJECTED) what they decided, newest first.
     */
    public List<Approval> queueOf(String login, Filter filter) {
        if (filter.status() == null || filter.status() == Approval.Status.PENDING) {
            Filter pending = new Filter(Approval.Status.PENDING, filter.kind(), filter.from(),
                    filter.to(), filter.zone());
            return filtered("requester <> :login", login, pending).stream()
                    .filter(approval -> mayDecide(approval, login)).toList();
        }
        return filtered("decided_by = :login", login, filter);
    }

    private List<Approval> filtered(String whose, String login, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM approval WHERE " + whose);
        Map<String, Object> parameters = new HashMap<>(Map.of("login", login));
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            parameters.put("status", filter.status().name());
        }
        if (filter.kind() != null && !filter.kind().isBlank()) {
            sql.append(" AND kind = :kind");
            parameters.put("kind", filter.kind());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
            parameters.put("from", filter.from().atStartOfDay(filter.zone()).toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < :to");
            parameters.put("to", filter.to().plusDays(1).atStartOfDay(filter.zone())
                    .toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY created_at DESC FETCH FIRST 500 ROWS ONLY");
        return jdbc.sql(sql.toString()).params(parameters).query(Approvals::map).list();
    }

    /** The person's own requests still waiting. */
    public List<Approval> openRequestsOf(String login) {
        return jdbc.sql("SELECT * FROM approval WHERE status = 'PENDING' AND requester = :login "
                        + "ORDER BY created_at")
                .param("login", login).query(Approvals::map).list();
    }

    /**
     * Approves or rejects, once: a second decision (or the same one repeated) is
     * {@code ALREADY_DECIDED} and changes nothing. The requester is told the outcome.
     */
    @Transactional
    public Decision decide(String id, String login, boolean approve, String reason) {
        Optional<Approval> found = find(id);
        if (found.isEmpty()) {
            return new Decision(Outcome.NOT_FOUND, null);
        }
        Approval approval = found.get();
        if (approval.status() != Approval.Status.PENDING) {
            return new Decision(Outcome.ALREADY_DECIDED, approval);
        }
        if (!mayDecide(approval, login)) {
            return new Decision(Outcome.NOT_PERMITTED, approval);
        }
        if (approval.requester().equals(login)) {
            return new Decision(Outcome.OWN_REQUEST, approval);
        }
        Approval.Status status = approve ? Approval.Status.APPROVED : Approval.Status.REJECTED;
        int changed = jdbc.sql("""
                UPDATE approval SET status = :status, decided_by = :login, decided_at = :now,
                    reason = :reason WHERE id = :id AND status = 'PENDING'
                """)
                .param("status", status.name()).param("login", login)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("reason", reason == null || reason.isBlank() ? null
                        : reason.strip().substring(0, Math.min(500, reason.strip().length())))
                .param("id", approval.id())
                .update();
        Approval after = find(approval.id()).orElseThrow();
        if (changed == 0) {
            return new Decision(Outcome.ALREADY_DECIDED, after);
        }
        Map<String, String> parameters = new HashMap<>(Map.of("id", after.id(),
                "subject", after.subject(), "by", login));
        parameters.put("reason", after.reason() == null ? "" : after.reason());
        messenger.send(OutgoingMessage.of(Recipient.user(after.requester()),
                approve ? "approval.approved" : "approval.rejected", parameters));
        audit.record(AuditEvent.of("approval." + (approve ? "approve" : "reject"), "process")
                .actor(login, login).target("approval", after.id())
                .reason(after.reason()).details(Map.of("kind", after.kind())).build());
        events.publish(new ApprovalEvents.Decided(after.id(), after.kind(), status.name(), login,
                after.requester()), login);
        return new Decision(Outcome.DECIDED, after);
    }

    private static Approval map(ResultSet row, int index) throws SQLException {
        OffsetDateTime decidedAt = row.getObject("decided_at", OffsetDateTime.class);
        return new Approval(row.getString("id"), row.getString("kind"), row.getString("subject"),
                // A link stored before links were checked this strictly is not shown.
                WorkspaceLinks.safe(row.getString("link")).orElse(null), row.getString("requester"), row.getString("approver_role"),
                Approval.Status.valueOf(row.getString("status")), row.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), row.getString("reason"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getBoolean("within_department") ? Approval.Scope.REQUESTER_DEPARTMENTS
                        : Approval.Scope.AGENCY);
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static void require(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
    }
}

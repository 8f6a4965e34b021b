package org.agencyworkspace.reviews;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.approvals.Approvals;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.reviews.Review.Member;
import org.agencyworkspace.reviews.Review.Status;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * External review panels (評選委員會): an officer sets a review up and opens it; members (staff,
 * and guests from outside) declare conflicts of interest, check in, score; the officer opens the
 * sheets, the result is computed by {@link Scoring}, the committee's decision goes to the
 * approvals registry and members confirm the record. Every step is audited and published; every
 * refusal is audited and changes nothing.
 */
public class Reviews {

    /** The approvals registry's kind for a committee's decision. */
    public static final String APPROVAL_KIND = "review-decision";
    /** Members may check in from this long before the meeting. */
    static final Duration CHECK_IN_OPENS = Duration.ofHours(2);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,180}\\.[A-Za-z]{2,20}");
    private static final Pattern PLAIN = Pattern.compile("[^\\p{Cntrl}]+");
    private static final String ID_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ReviewsProperties properties;
    private final ReviewGuests guests;
    private final StaffDirectory directory;
    private final ClassificationScheme scheme;
    private final Approvals approvals;
    private final Messenger messenger;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final WorkspaceProperties workspace;
    private final Clock clock;

    public Reviews(JdbcClient jdbc, ReviewsProperties properties, ReviewGuests guests,
            StaffDirectory directory, ClassificationScheme scheme, Approvals approvals,
            Messenger messenger, AuditTrail audit, EventPublisher events,
            WorkspaceProperties workspace, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.guests = guests;
        this.directory = directory;
        this.scheme = scheme;
        this.approvals = approvals;
        this.messenger = messenger;
        this.audit = audit;
        this.events = events;
        this.workspace = workspace;
        this.clock = clock;
    }

    // ---- input ---------------------------------------------------------------------------

    /** A candidate to review, with its proposal's path in Files (optional). */
    public record NewCandidate(String name, String materialPath) {
    }

    public record NewCriterion(String name, BigDecimal weight, BigDecimal maxScore) {
    }

    /**
     * A member: {@code login} for staff, or {@code email} and {@code name} for an outside expert
     * (a guest); {@code locale} is the language of the guest's mail (zh-TW or en).
     */
    public record NewMember(String login, String email, String name, String locale) {
    }

    public record NewReview(String caseNumber, String subject, ScoringMethod method,
            BigDecimal passMark, String level, Instant meetingAt, Instant closesAt,
            Boolean allowDownload, List<NewCandidate> candidates, List<NewCriterion> criteria,
            List<NewMember> members) {
    }

    /** A sheet as a member types it: scores (candidate → criterion → score) or ranks. */
    public record SheetInput(Map<Integer, Map<Integer, BigDecimal>> scores, Map<Integer, Integer> ranks) {
    }

    // ---- the officer ---------------------------------------------------------------------

    public boolean isOfficer(String login) {
        return directory.membersOf(properties.officerGroup()).contains(login);
    }

    @Transactional(noRollbackFor = ReviewException.class)
    public Review create(NewReview request, WorkspaceUser officer) {
        requireOfficer(officer, "review.create", null);
        List<String> problems = new ArrayList<>();
        text(request.caseNumber(), "case number", 60, problems);
        text(request.subject(), "subject", 300, problems);
        if (request.caseNumber() != null && jdbc.sql("SELECT COUNT(*) FROM review WHERE case_number = :c")
                .param("c", request.caseNumber().strip()).query(Integer.class).single() > 0) {
            problems.add("case number: a review with this case number exists");
        }
        String level = request.level() == null || request.level().isBlank() ? scheme.unmarked().code()
                : request.level().strip();
        if (scheme.find(level).isEmpty()) {
            problems.add("level: not a classification level code");
        } else if (!cleared(officer.login(), level)) {
            problems.add("level: your clearance does not reach " + level);
        }
        Instant now = clock.instant();
        if (request.meetingAt() == null || request.closesAt() == null) {
            problems.add("schedule: the meeting time and the closing time are required");
        } else if (!request.closesAt().isAfter(request.meetingAt())) {
            problems.add("schedule: the review must close after the meeting starts");
        } else if (!request.closesAt().isAfter(now)) {
            problems.add("schedule: the closing time has passed");
        }
        List<NewCandidate> newCandidates = request.candidates() == null ? List.of() : request.candidates();
        List<NewCriterion> newCriteria = request.criteria() == null ? List.of() : request.criteria();
        List<Scoring.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < newCandidates.size(); i++) {
            NewCandidate candidate = newCandidates.get(i);
            candidates.add(new Scoring.Candidate(i + 1, candidate == null ? null : strip(candidate.name())));
            String path = candidate == null ? null : candidate.materialPath();
            if (path != null && !path.isBlank() && (!path.startsWith("/") || path.length() > 1000)) {
                problems.add("candidate " + (i + 1) + ": the proposal must be a path in Files, /...");
            }
        }
        List<Scoring.Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < newCriteria.size(); i++) {
            NewCriterion criterion = newCriteria.get(i);
            criteria.add(criterion == null ? new Scoring.Criterion(i + 1, null, null, null)
                    : new Scoring.Criterion(i + 1, strip(criterion.name()), criterion.weight(), criterion.maxScore()));
        }
        if (candidates.size() > 50 || criteria.size() > 30) {
            problems.add("at most 50 candidates and 30 criteria");
        }
        problems.addAll(Scoring.check(new Scoring.Panel(request.method(), criteria, candidates, request.passMark())));
        List<NewMember> members = request.members() == null ? List.of() : request.members();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            checkMember(members.get(i), "member " + (i + 1), level, seen, problems);
        }
        if (members.size() > 50) {
            problems.add("members: at most 50");
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, "review.create", officer.login(), null, level, problems);
        }

        String id = newId("RV");
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO review (id, case_number, subject, method, pass_mark, level, officer,
                    meeting_at, closes_at, status, allow_download, created_at)
                VALUES (:id, :case, :subject, :method, :pass, :level, :officer, :meeting, :closes,
                    'DRAFT', :download, :now)
                """)
                .param("id", id).param("case", request.caseNumber().strip())
                .param("subject", request.subject().strip()).param("method", request.method().name())
                .param("pass", request.passMark()).param("level", level).param("officer", officer.login())
                .param("meeting", request.meetingAt().atOffset(ZoneOffset.UTC))
                .param("closes", request.closesAt().atOffset(ZoneOffset.UTC))
                .param("download", Boolean.TRUE.equals(request.allowDownload())).param("now", at)
                .update();
        for (int i = 0; i < candidates.size(); i++) {
            String path = newCandidates.get(i).materialPath();
            jdbc.sql("INSERT INTO review_candidate (review_id, id, name, material_path) VALUES (:r, :id, :name, :path)")
                    .param("r", id).param("id", i + 1).param("name", candidates.get(i).name())
                    .param("path", path == null || path.isBlank() ? null : path.strip()).update();
        }
        for (Scoring.Criterion criterion : criteria) {
            jdbc.sql("""
                    INSERT INTO review_criterion (review_id, id, name, weight, max_score)
                    VALUES (:r, :id, :name, :weight, :max)
                    """)
                    .param("r", id).param("id", criterion.id()).param("name", criterion.name())
                    .param("weight", criterion.weight()).param("max", criterion.maxScore()).update();
        }
        int external = 0;
        for (int i = 0; i < members.size(); i++) {
            external += insertMember(id, i + 1, members.get(i)) ? 1 : 0;
        }
        audit.record(AuditEvent.of("review.create", "process").actor(officer.login(), officer.displayName())
                .target("review", id, level).details(Map.of("case", request.caseNumber().strip(),
                        "method", request.method().name(), "members", Integer.toString(members.size())))
                .build());
        events.publish(new ReviewEvents.Created(id, request.caseNumber().strip(), request.method().name(),
                officer.login(), members.size(), external), officer.login());
        return load(id).orElseThrow();
    }

    /** The review, for its officer (or any officer: reviews are run by the office). */
    public Review get(String id, WorkspaceUser officer) {
        requireOfficer(officer, "review.read", id);
        Review review = load(id).orElseThrow(() -> refuse(Reason.NOT_FOUND, "review.read", officer.login(), id, null,
                List.of("no review " + id)));
        if (!cleared(officer.login(), review.level())) {
            throw refuse(Reason.FORBIDDEN, "review.read", officer.login(), id, review.level(),
                    List.of("your clearance does not reach the review's level " + review.level()));
        }
        return review;
    }

    /** The reviews, newest first, that the officer's clearance reaches. */
    public List<Review> listForOfficer(WorkspaceUser officer) {
        requireOfficer(officer, "review.list", null);
        return jdbc.sql("SELECT id FROM review ORDER BY created_at DESC FETCH FIRST 200 ROWS ONLY")
                .query(String.class).list().stream().map(id -> load(id).orElseThrow())
                .filter(review -> cleared(officer.login(), review.level())).toList();
    }

    /**
     * Whether the member of staff's clearance, as the directory holds it now, reaches the level.
     * Guests have none: an outside expert is cleared by being appointed to the review.
     */
    private boolean cleared(String login, String level) {
        return directory.find(login).filter(StaffDirectory.StaffMember::enabled)
                .map(staff -> scheme.rank(staff.clearance()) >= scheme.rank(level)).orElse(false);
    }

    /**
     * Opens the review: at least the configured members and share of external ones; guests are
     * sent an invitation mail (through the persisted mail queue), staff a chat notice.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public Review open(String id, WorkspaceUser officer) {
        Review review = get(id, officer);
        List<String> problems = new ArrayList<>();
        if (review.status() != Status.DRAFT) {
            throw refuse(Reason.CONFLICT, "review.open", officer.login(), id, review.level(),
                    List.of("the review is " + review.status() + ", not DRAFT"));
        }
        int members = review.members().size();
        int external = (int) review.externalMembers();
        if (members < properties.minMembers()) {
            problems.add("members: " + members + ", at least " + properties.minMembers() + " are needed");
        }
        if (!properties.externalEnough(external, members)) {
            problems.add("members: " + external + " external of " + members + ", at least "
                    + properties.minExternalShare() + " must be external");
        }
        if (!review.closesAt().isAfter(clock.instant())) {
            problems.add("schedule: the closing time has passed");
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, "review.open", officer.login(), id, review.level(), problems);
        }
        jdbc.sql("UPDATE review SET status = 'OPEN', opened_at = :now WHERE id = :id AND status = 'DRAFT'")
                .param("now", now()).param("id", id).update();
        for (Member member : review.members()) {
            if (member.external()) {
                guests.queueInvitation(id, member.id(), member.guestId());
            } else {
                messenger.send(OutgoingMessage.of(Recipient.user(member.login()), "review.invited",
                        Map.of("case", review.caseNumber(), "subject", review.subject(),
                                "link", workspace.publicBase() + "/reviews/" + id + "/member")));
            }
        }
        audit.record(AuditEvent.of("review.open", "process").actor(officer.login(), officer.displayName())
                .target("review", id, review.level())
                .details(Map.of("members", Integer.toString(members), "external", Integer.toString(external)))
                .build());
        events.publish(new ReviewEvents.Opened(id, officer.login()), officer.login());
        return load(id).orElseThrow();
    }

    /**
     * Replaces a member who recused themselves (or was recused) with a substitute, while the
     * review is open and before the sheets are opened. The recused member leaves the panel: they
     * no longer see the review, their declarations and any scores they saved stay stored but
     * count for nothing (not in the result, the quorum or the record), and a guest whose reviews
     * are all closed or left expires. The substitute is invited as any member is (an outside
     * expert by the guest mail with a one-time link, staff in chat), gets the next code and
     * declares, checks in and scores from the start. The share of outside experts must still hold.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public Review replaceMember(String id, String code, NewMember substitute, String reason, WorkspaceUser officer) {
        Review review = get(id, officer);
        if (review.status() != Status.OPEN) {
            throw refuse(Reason.CONFLICT, "review.member.replace", officer.login(), id, review.level(),
                    List.of("members are replaced while the review is OPEN, before the sheets are opened; it is "
                            + review.status()));
        }
        List<String> problems = new ArrayList<>();
        Optional<Member> recused = review.members().stream().filter(m -> m.code().equals(code)).findFirst();
        if (recused.isEmpty()) {
            problems.add("member: no member " + code + " on the panel");
        }
        text(reason, "reason", 500, problems);
        Set<String> seen = new HashSet<>();
        jdbc.sql("SELECT m.login, g.email FROM review_member m LEFT JOIN review_guest g ON g.id = m.guest_id"
                        + " WHERE m.review_id = :r")
                .param("r", id).query(row -> {
                    seen.add(row.getString("login") != null ? "login:" + row.getString("login")
                            : "email:" + row.getString("email"));
                });
        checkMember(substitute, "substitute", review.level(), seen, problems);
        if (problems.isEmpty()) {
            boolean guest = substitute.login() == null || substitute.login().isBlank();
            long external = review.externalMembers() - (recused.get().external() ? 1 : 0) + (guest ? 1 : 0);
            if (!properties.externalEnough((int) external, review.members().size())) {
                problems.add("substitute: the panel would have " + external + " external of "
                        + review.members().size() + " members, at least " + properties.minExternalShare()
                        + " must be external");
            }
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, "review.member.replace", officer.login(), id, review.level(), problems);
        }
        Member leaving = recused.get();
        int number = jdbc.sql("SELECT MAX(id) FROM review_member WHERE review_id = :r").param("r", id)
                .query(Integer.class).single() + 1;
        jdbc.sql("""
                UPDATE review_member SET recused_at = :now, recused_reason = :reason, replaced_by = :by
                WHERE review_id = :r AND id = :m AND recused_at IS NULL
                """)
                .param("now", now()).param("reason", reason.strip()).param("by", number).param("r", id)
                .param("m", leaving.id()).update();
        boolean external = insertMember(id, number, substitute);
        Member joining = load(id).orElseThrow().members().stream().filter(m -> m.id() == number).findFirst()
                .orElseThrow();
        if (external) {
            guests.queueInvitation(id, number, joining.guestId());
        } else {
            messenger.send(OutgoingMessage.of(Recipient.user(joining.login()), "review.invited",
                    Map.of("case", review.caseNumber(), "subject", review.subject(),
                            "link", workspace.publicBase() + "/reviews/" + id + "/member")));
        }
        if (leaving.external()) {
            // An invitation not mailed yet would only lead to a refused sign-in.
            jdbc.sql("UPDATE review_mail SET status = 'WITHDRAWN' WHERE review_id = :r AND member_id = :m"
                            + " AND status = 'PENDING'")
                    .param("r", id).param("m", leaving.id()).update();
            guests.expireIfDone(leaving.guestId());
        }
        audit.record(AuditEvent.of("review.member.replace", "process").actor(officer.login(), officer.displayName())
                .target("review", id, review.level()).reason(reason.strip())
                .details(Map.of("recused", leaving.code(), "substitute", joining.code(),
                        "externalSubstitute", Boolean.toString(external)))
                .build());
        events.publish(new ReviewEvents.MemberReplaced(id, leaving.code(), joining.code(), external, officer.login()),
                officer.login());
        return load(id).orElseThrow();
    }

    /**
     * Opens the sheets: the §9 quorum (half the members checked in; at least two external
     * members present, or every external member when there are fewer, and the configured share
     * of those present) and every present member's sheet submitted. Then the result is computed.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public ResultView openScores(String id, WorkspaceUser officer) {
        Review review = get(id, officer);
        if (review.status() != Status.OPEN) {
            throw refuse(Reason.CONFLICT, "review.scores.open", officer.login(), id, review.level(),
                    List.of("the review is " + review.status() + ", not OPEN"));
        }
        List<Member> present = review.members().stream().filter(m -> m.checkedInAt() != null).toList();
        long presentExternal = present.stream().filter(Member::external).count();
        List<String> problems = new ArrayList<>();
        if (present.size() * 2 < review.members().size()) {
            problems.add("quorum: " + present.size() + " of " + review.members().size() + " members checked in");
        }
        if (presentExternal < Math.min(2, review.externalMembers())
                || !properties.externalEnough((int) presentExternal, present.size())) {
            problems.add("quorum: " + presentExternal + " external members among " + present.size() + " present");
        }
        present.stream().filter(m -> m.submittedAt() == null)
                .forEach(m -> problems.add("member " + m.code() + ": sheet not submitted"));
        if (!problems.isEmpty()) {
            throw refuse(Reason.CONFLICT, "review.scores.open", officer.login(), id, review.level(), problems);
        }
        jdbc.sql("UPDATE review SET status = 'SCORES_OPENED', scores_opened_at = :now WHERE id = :id AND status = 'OPEN'")
                .param("now", now()).param("id", id).update();
        Review opened = load(id).orElseThrow();
        ResultView result = resultOf(opened, true);
        audit.record(AuditEvent.of("review.scores.open", "process").actor(officer.login(), officer.displayName())
                .target("review", id, review.level())
                .details(Map.of("sheets", Integer.toString(present.size()),
                        "winner", String.valueOf(result.result().winner())))
                .build());
        events.publish(new ReviewEvents.ScoresOpened(id, result.result().winner(),
                String.valueOf(result.result().decidedBy()), present.size()), officer.login());
        return result;
    }

    /**
     * The result with each member's sheet (by code); the officer also sees which code is whom.
     * Nobody reads it before the officer opened the sheets.
     */
    public ResultView result(String id, WorkspaceUser officer) {
        Review review = get(id, officer);
        requireScoresOpen(review, officer.login());
        return resultOf(review, true);
    }

    /** The result as a member reads it: codes only. */
    public ResultView result(String id, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.result.read");
        requireScoresOpen(review, reviewer.actor());
        return resultOf(review, false);
    }

    /**
     * Records the committee's decision (the candidate chosen, or none) with its wording, and
     * asks the decision role's holders to approve it through the approvals registry. The
     * record's hash is fixed now; members confirm it.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public Review decide(String id, Integer winner, String wording, WorkspaceUser officer) {
        Review review = get(id, officer);
        if (review.status() != Status.SCORES_OPENED) {
            throw refuse(Reason.CONFLICT, "review.decide", officer.login(), id, review.level(),
                    List.of("the review is " + review.status() + ", not SCORES_OPENED"));
        }
        List<String> problems = new ArrayList<>();
        text(wording, "decision", 1000, problems);
        ResultView result = resultOf(review, true);
        if (winner != null && result.result().standings().stream()
                .noneMatch(s -> s.candidate() == winner && s.eligible())) {
            problems.add("winner: candidate " + winner + " is not an eligible candidate of this review");
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, "review.decide", officer.login(), id, review.level(), problems);
        }
        Approval approval = approvals.request(APPROVAL_KIND,
                review.caseNumber() + " " + review.subject(), "/reviews/" + id, officer.login(),
                properties.decisionRole());
        jdbc.sql("""
                UPDATE review SET status = 'DECIDED', decision = :wording, decision_winner = :winner,
                    approval_id = :approval, decided_at = :now WHERE id = :id AND status = 'SCORES_OPENED'
                """)
                .param("wording", wording.strip()).param("winner", winner).param("approval", approval.id())
                .param("now", now()).param("id", id).update();
        Review decided = load(id).orElseThrow();
        String sha256 = ReviewRecords.sha256(ReviewRecords.csv(decided, resultOf(decided, false)));
        jdbc.sql("UPDATE review SET record_sha256 = :sha WHERE id = :id").param("sha", sha256).param("id", id).update();
        audit.record(AuditEvent.of("review.decide", "process").actor(officer.login(), officer.displayName())
                .target("review", id, review.level())
                .details(Map.of("winner", String.valueOf(winner), "approval", approval.id(), "record", sha256))
                .build());
        events.publish(new ReviewEvents.Decided(id, winner, approval.id(), sha256), officer.login());
        for (Member member : decided.members()) {
            if (!member.external() && member.checkedInAt() != null) {
                messenger.send(OutgoingMessage.of(Recipient.user(member.login()), "review.confirm-record",
                        Map.of("case", review.caseNumber(),
                                "link", workspace.publicBase() + "/reviews/" + id + "/member")));
            }
        }
        return load(id).orElseThrow();
    }

    /** Closes the review: sheets and materials are shut, guests whose reviews are all closed expire. */
    @Transactional(noRollbackFor = ReviewException.class)
    public Review close(String id, WorkspaceUser officer) {
        Review review = get(id, officer);
        if (review.status() == Status.CLOSED) {
            throw refuse(Reason.CONFLICT, "review.close", officer.login(), id, review.level(),
                    List.of("the review is already closed"));
        }
        return closeNow(review, officer.login());
    }

    /** Closes every review whose closing time has passed; returns how many. */
    @Transactional(noRollbackFor = ReviewException.class)
    public int closeDue() {
        List<String> due = jdbc.sql("SELECT id FROM review WHERE status <> 'CLOSED' AND closes_at <= :now")
                .param("now", now()).query(String.class).list();
        due.forEach(id -> closeNow(load(id).orElseThrow(), "system"));
        return due.size();
    }

    private Review closeNow(Review review, String by) {
        int changed = jdbc.sql("UPDATE review SET status = 'CLOSED', closed_at = :now WHERE id = :id AND status <> 'CLOSED'")
                .param("now", now()).param("id", review.id()).update();
        if (changed == 0) {
            return load(review.id()).orElseThrow();
        }
        audit.record(AuditEvent.of("review.close", "process").actor(by, by)
                .target("review", review.id(), review.level()).build());
        events.publish(new ReviewEvents.Closed(review.id(), by), by);
        review.members().stream().filter(Member::external)
                .forEach(member -> guests.expireIfDone(member.guestId()));
        if (!"system".equals(by) || review.status() != Status.DRAFT) {
            messenger.send(OutgoingMessage.of(Recipient.user(review.officer()), "review.closed",
                    Map.of("case", review.caseNumber(), "link", workspace.publicBase() + "/reviews/" + review.id())));
        }
        return load(review.id()).orElseThrow();
    }

    // ---- members -------------------------------------------------------------------------

    /** What a member sees of a review: no other member's name, nobody's scores. */
    public record MemberView(String id, String caseNumber, String subject, ScoringMethod method,
            BigDecimal passMark, String level, Instant meetingAt, Instant closesAt, Status status,
            boolean allowDownload, List<Scoring.Candidate> candidates, Set<Integer> withMaterial,
            List<Scoring.Criterion> criteria, int members, String code, Instant declaredAt,
            Set<Integer> conflicts, Instant checkedInAt, Instant submittedAt, SheetInput sheet,
            String decision, String recordSha256, Instant confirmedAt) {
    }

    /** The reviews the person is a member of, newest first; guests see only those still live. */
    public List<MemberView> reviewsOf(Reviewer reviewer) {
        List<String> ids = reviewer.isGuest()
                ? jdbc.sql("""
                        SELECT r.id FROM review r JOIN review_member m ON m.review_id = r.id
                        WHERE m.guest_id = :g AND m.recused_at IS NULL
                          AND r.status IN ('OPEN', 'SCORES_OPENED', 'DECIDED')
                        ORDER BY r.meeting_at DESC
                        """).param("g", reviewer.guestId()).query(String.class).list()
                : jdbc.sql("""
                        SELECT r.id FROM review r JOIN review_member m ON m.review_id = r.id
                        WHERE m.login = :l AND m.recused_at IS NULL AND r.status <> 'DRAFT'
                        ORDER BY r.meeting_at DESC
                        """).param("l", reviewer.login()).query(String.class).list();
        return ids.stream().map(id -> load(id).orElseThrow())
                .filter(review -> reviewer.isGuest() || cleared(reviewer.login(), review.level()))
                .map(review -> view(review, member(review, reviewer).orElseThrow())).toList();
    }

    public MemberView memberView(String id, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.read");
        return view(review, member(review, reviewer).orElseThrow());
    }

    /**
     * Declares, for every candidate, whether the member has a conflict of interest (利益迴避);
     * a conflict removes them from that candidate. Needs a fresh MFA step; once only.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public MemberView declare(String id, Map<Integer, Boolean> conflicts, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.declare");
        Member member = member(review, reviewer).orElseThrow();
        requireMfa(reviewer, review, "review.declare");
        if (review.status() != Status.OPEN) {
            throw refuse(Reason.CONFLICT, "review.declare", reviewer.actor(), id, review.level(),
                    List.of("declarations are taken while the review is OPEN; it is " + review.status()));
        }
        if (member.declaredAt() != null) {
            throw refuse(Reason.CONFLICT, "review.declare", reviewer.actor(), id, review.level(),
                    List.of("you declared already"));
        }
        Map<Integer, Boolean> given = conflicts == null ? Map.of() : conflicts;
        List<String> problems = new ArrayList<>();
        for (Scoring.Candidate candidate : review.candidates()) {
            if (given.get(candidate.id()) == null) {
                problems.add("candidate " + candidate.id() + ": declare yes or no");
            }
        }
        given.keySet().stream().filter(c -> review.candidates().stream().noneMatch(k -> k.id() == c))
                .forEach(c -> problems.add("candidate " + c + ": not in this review"));
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, "review.declare", reviewer.actor(), id, review.level(), problems);
        }
        OffsetDateTime now = now();
        for (Scoring.Candidate candidate : review.candidates()) {
            jdbc.sql("""
                    INSERT INTO review_declaration (review_id, member_id, candidate_id, conflict, declared_at, mfa)
                    VALUES (:r, :m, :c, :conflict, :now, :mfa)
                    """)
                    .param("r", id).param("m", member.id()).param("c", candidate.id())
                    .param("conflict", given.get(candidate.id())).param("now", now).param("mfa", reviewer.mfa())
                    .update();
        }
        jdbc.sql("UPDATE review_member SET declared_at = :now WHERE review_id = :r AND id = :m")
                .param("now", now).param("r", id).param("m", member.id()).update();
        int count = (int) given.values().stream().filter(Boolean::booleanValue).count();
        audit.record(AuditEvent.of("review.declare", "process").actor(reviewer.actor(), member.code())
                .target("review", id, review.level())
                .details(Map.of("member", member.code(), "conflicts", Integer.toString(count), "mfa", reviewer.mfa()))
                .build());
        events.publish(new ReviewEvents.Declared(id, member.code(), count), reviewer.actor());
        return memberView(id, reviewer);
    }

    /** Checks the member in (簽到), on site or remote, from two hours before the meeting. */
    @Transactional(noRollbackFor = ReviewException.class)
    public MemberView checkIn(String id, String mode, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.check-in");
        Member member = member(review, reviewer).orElseThrow();
        String how = mode == null ? "" : mode.strip().toUpperCase(Locale.ROOT);
        if (!List.of("ON_SITE", "REMOTE").contains(how)) {
            throw refuse(Reason.INVALID, "review.check-in", reviewer.actor(), id, review.level(),
                    List.of("mode: ON_SITE or REMOTE"));
        }
        List<String> problems = new ArrayList<>();
        if (review.status() != Status.OPEN) {
            problems.add("the review is " + review.status() + ", not OPEN");
        } else if (member.checkedInAt() != null) {
            problems.add("you checked in already");
        } else if (member.declaredAt() == null) {
            problems.add("declare conflicts of interest first");
        } else if (clock.instant().isBefore(review.meetingAt().minus(CHECK_IN_OPENS))) {
            problems.add("check-in opens two hours before the meeting");
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.CONFLICT, "review.check-in", reviewer.actor(), id, review.level(), problems);
        }
        jdbc.sql("UPDATE review_member SET checked_in_at = :now, check_in_mode = :mode WHERE review_id = :r AND id = :m")
                .param("now", now()).param("mode", how).param("r", id).param("m", member.id()).update();
        audit.record(AuditEvent.of("review.check-in", "process").actor(reviewer.actor(), member.code())
                .target("review", id, review.level()).details(Map.of("member", member.code(), "mode", how)).build());
        events.publish(new ReviewEvents.CheckedIn(id, member.code(), how), reviewer.actor());
        return memberView(id, reviewer);
    }

    /**
     * Saves the member's sheet; {@code submit} makes it final. A draft may leave scores out; a
     * submitted sheet must be complete. Refused after the closing time, once submitted, for a
     * candidate with a declared conflict, and for scores out of range.
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public MemberView saveSheet(String id, SheetInput input, boolean submit, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.sheet.save");
        Member member = member(review, reviewer).orElseThrow();
        String action = submit ? "review.sheet.submit" : "review.sheet.save";
        List<String> state = new ArrayList<>();
        if (review.status() != Status.OPEN || !clock.instant().isBefore(review.closesAt())) {
            state.add("scoring is closed");
        } else if (member.submittedAt() != null) {
            state.add("you submitted your sheet already");
        } else if (member.declaredAt() == null) {
            state.add("declare conflicts of interest first");
        } else if (member.checkedInAt() == null) {
            state.add("check in first");
        }
        if (!state.isEmpty()) {
            throw refuse(Reason.CONFLICT, action, reviewer.actor(), id, review.level(), state);
        }
        SheetInput sheet = input == null ? new SheetInput(null, null) : input;
        Scoring.Sheet scored = new Scoring.Sheet(member.code(), sheet.scores(), sheet.ranks());
        List<String> problems = Scoring.check(review.panel(), scored, conflictsOf(id, member.id()));
        if (!submit) {
            problems = problems.stream().filter(p -> !p.endsWith(": missing") && !p.endsWith(": rank missing")).toList();
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.INVALID, action, reviewer.actor(), id, review.level(), problems);
        }
        jdbc.sql("DELETE FROM review_score WHERE review_id = :r AND member_id = :m")
                .param("r", id).param("m", member.id()).update();
        scored.scores().forEach((candidate, scores) -> scores.forEach((criterion, score) ->
                insertScore(id, member.id(), candidate, criterion, score)));
        scored.ranks().forEach((candidate, rank) -> insertScore(id, member.id(), candidate, 0, new BigDecimal(rank)));
        if (submit) {
            jdbc.sql("UPDATE review_member SET submitted_at = :now WHERE review_id = :r AND id = :m")
                    .param("now", now()).param("r", id).param("m", member.id()).update();
        }
        audit.record(AuditEvent.of(action, "process").actor(reviewer.actor(), member.code())
                .target("review", id, review.level()).details(Map.of("member", member.code())).build());
        if (submit) {
            events.publish(new ReviewEvents.SheetSubmitted(id, member.code()), reviewer.actor());
            Review after = load(id).orElseThrow();
            long present = after.members().stream().filter(m -> m.checkedInAt() != null).count();
            long submitted = after.members().stream().filter(m -> m.submittedAt() != null).count();
            messenger.send(OutgoingMessage.of(Recipient.user(review.officer()), "review.sheet-submitted",
                    Map.of("case", review.caseNumber(), "member", member.code(),
                            "submitted", Long.toString(submitted), "present", Long.toString(present),
                            "link", workspace.publicBase() + "/reviews/" + id)));
        }
        return memberView(id, reviewer);
    }

    /**
     * A present member confirms the record's hash with a fresh MFA step: the members' signature
     * on the 評選紀錄 until PAdES signing is wired ({@link ReviewRecords}).
     */
    @Transactional(noRollbackFor = ReviewException.class)
    public MemberView confirmRecord(String id, String sha256, Reviewer reviewer) {
        Review review = memberReview(id, reviewer, "review.record.confirm");
        Member member = member(review, reviewer).orElseThrow();
        requireMfa(reviewer, review, "review.record.confirm");
        List<String> problems = new ArrayList<>();
        if (review.status() != Status.DECIDED) {
            problems.add("the record is confirmed once the decision is recorded; the review is " + review.status());
        } else if (member.checkedInAt() == null) {
            problems.add("only members present at the meeting sign the record");
        } else if (member.confirmedAt() != null) {
            problems.add("you confirmed the record already");
        } else if (sha256 == null || !sha256.equalsIgnoreCase(review.recordSha256())) {
            problems.add("the hash is not the record's: download the record again");
        }
        if (!problems.isEmpty()) {
            throw refuse(Reason.CONFLICT, "review.record.confirm", reviewer.actor(), id, review.level(), problems);
        }
        jdbc.sql("""
                UPDATE review_member SET confirmed_sha256 = :sha, confirmed_at = :now, confirmed_by = :mfa
                WHERE review_id = :r AND id = :m
                """)
                .param("sha", review.recordSha256()).param("now", now()).param("mfa", reviewer.mfa())
                .param("r", id).param("m", member.id()).update();
        audit.record(AuditEvent.of("review.record.confirm", "process").actor(reviewer.actor(), member.code())
                .target("review", id, review.level())
                .details(Map.of("member", member.code(), "record", review.recordSha256(), "mfa", reviewer.mfa()))
                .build());
        events.publish(new ReviewEvents.RecordConfirmed(id, member.code(), review.recordSha256()), reviewer.actor());
        return memberView(id, reviewer);
    }

    /**
     * The review and the member for a member's action: a review the person is not a member of
     * is NOT_FOUND (for a guest audited as reading outside their reviews), a closed one is
     * NOT_FOUND for a guest (audited as after close), a draft one NOT_FOUND for everyone.
     */
    Review memberReview(String id, Reviewer reviewer, String action) {
        Optional<Review> found = load(id);
        if (found.isEmpty() || member(found.get(), reviewer).isEmpty()) {
            if (reviewer.isGuest()) {
                audit.record(AuditEvent.of("review.guest.outside-review", "process")
                        .actor(reviewer.actor(), reviewer.displayName())
                        .target("review", String.valueOf(id)).failure("not a member of this review")
                        .details(Map.of("attempted", action)).build());
            }
            throw refuse(Reason.NOT_FOUND, action, reviewer.actor(), id, null, List.of("no review " + id));
        }
        Review review = found.get();
        if (!reviewer.isGuest() && !cleared(reviewer.login(), review.level())) {
            throw refuse(Reason.FORBIDDEN, action, reviewer.actor(), id, review.level(),
                    List.of("your clearance does not reach the review's level " + review.level()));
        }
        if (review.status() == Status.DRAFT || (reviewer.isGuest() && review.status() == Status.CLOSED)) {
            if (reviewer.isGuest()) {
                audit.record(AuditEvent.of("review.guest.after-close", "process")
                        .actor(reviewer.actor(), reviewer.displayName())
                        .target("review", id, review.level()).failure("review " + review.status())
                        .details(Map.of("attempted", action)).build());
            }
            throw refuse(Reason.NOT_FOUND, action, reviewer.actor(), id, review.level(),
                    List.of("the review is not open to members"));
        }
        return review;
    }

    Optional<Member> member(Review review, Reviewer reviewer) {
        return review.members().stream().filter(m -> reviewer.isGuest()
                ? reviewer.guestId().equals(m.guestId()) : reviewer.login().equals(m.login())).findFirst();
    }

    Set<Integer> conflictsOf(String id, int member) {
        return new HashSet<>(jdbc.sql("""
                SELECT candidate_id FROM review_declaration
                WHERE review_id = :r AND member_id = :m AND conflict = TRUE
                """).param("r", id).param("m", member).query(Integer.class).list());
    }

    /** A review and its result, for the record (評選紀錄). */
    public record RecordView(Review review, ResultView result) {
    }

    /** The record for an officer, once the sheets are open; names are coded as in the summary sheet. */
    public RecordView record(String id, WorkspaceUser officer, String format) {
        Review review = get(id, officer);
        requireScoresOpen(review, officer.login());
        audit.record(AuditEvent.of("review.record.export", "process").actor(officer.login(), officer.displayName())
                .target("review", id, review.level()).details(Map.of("format", format)).build());
        return new RecordView(review, resultOf(review, false));
    }

    /** The record for a member, once the decision is recorded. */
    public RecordView record(String id, Reviewer reviewer, String format) {
        Review review = memberReview(id, reviewer, "review.record.export");
        if (review.recordSha256() == null) {
            throw refuse(Reason.CONFLICT, "review.record.export", reviewer.actor(), id, review.level(),
                    List.of("the record exists once the decision is recorded"));
        }
        audit.record(AuditEvent.of("review.record.export", "process").actor(reviewer.actor(), reviewer.displayName())
                .target("review", id, review.level()).details(Map.of("format", format)).build());
        return new RecordView(review, resultOf(review, false));
    }

    // ---- result --------------------------------------------------------------------------

    /**
     * The result, candidate names and member codes; {@code names} (code → name) only for the
     * officer.
     */
    public record ResultView(String reviewId, Scoring.Result result, Map<Integer, String> candidates,
            Map<String, SheetInput> sheets, Map<String, String> names) {
    }

    ResultView resultOf(Review review, boolean officer) {
        List<Scoring.Sheet> sheets = new ArrayList<>();
        Map<String, SheetInput> inputs = new TreeMap<>();
        for (Member member : review.members()) {
            if (member.submittedAt() != null && member.checkedInAt() != null) {
                SheetInput sheet = sheetOf(review, member.id());
                inputs.put(member.code(), sheet);
                sheets.add(new Scoring.Sheet(member.code(), sheet.scores(), sheet.ranks()));
            }
        }
        Map<Integer, String> candidates = new LinkedHashMap<>();
        review.candidates().forEach(c -> candidates.put(c.id(), c.name()));
        Map<String, String> names = new TreeMap<>();
        if (officer) {
            review.members().forEach(m -> names.put(m.code(), m.displayName()));
        }
        return new ResultView(review.id(), Scoring.compute(review.panel(), sheets), candidates, inputs, names);
    }

    /** Whether the officer opened the sheets (a review closed straight from OPEN never shows scores). */
    boolean scoresOpened(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM review WHERE id = :id AND scores_opened_at IS NOT NULL")
                .param("id", id).query(Integer.class).single() > 0;
    }

    private void requireScoresOpen(Review review, String actor) {
        if (!scoresOpened(review.id())) {
            throw refuse(Reason.CONFLICT, "review.result.read", actor, review.id(), review.level(),
                    List.of("the officer has not opened the sheets"));
        }
    }

    SheetInput sheetOf(Review review, int member) {
        Map<Integer, Map<Integer, BigDecimal>> scores = new TreeMap<>();
        Map<Integer, Integer> ranks = new TreeMap<>();
        jdbc.sql("SELECT candidate_id, criterion_id, score FROM review_score WHERE review_id = :r AND member_id = :m")
                .param("r", review.id()).param("m", member)
                .query(row -> {
                    int criterion = row.getInt("criterion_id");
                    BigDecimal score = row.getBigDecimal("score").stripTrailingZeros();
                    if (criterion == 0) {
                        ranks.put(row.getInt("candidate_id"), score.intValueExact());
                    } else {
                        scores.computeIfAbsent(row.getInt("candidate_id"), c -> new TreeMap<>())
                                .put(criterion, score.scale() < 0 ? score.setScale(0) : score);
                    }
                });
        return new SheetInput(scores, ranks);
    }

    private MemberView view(Review review, Member member) {
        Set<Integer> withMaterial = new HashSet<>(review.materials().keySet());
        return new MemberView(review.id(), review.caseNumber(), review.subject(), review.method(),
                review.passMark(), review.level(), review.meetingAt(), review.closesAt(), review.status(),
                review.allowDownload(), review.candidates(), withMaterial, review.criteria(),
                review.members().size(), member.code(), member.declaredAt(), conflictsOf(review.id(), member.id()),
                member.checkedInAt(), member.submittedAt(), sheetOf(review, member.id()), review.decision(),
                review.recordSha256(), member.confirmedAt());
    }

    // ---- storage -------------------------------------------------------------------------

    public Optional<Review> load(String id) {
        if (id == null || id.length() > 20) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> row = jdbc.sql("SELECT * FROM review WHERE id = :id").param("id", id)
                .query((rs, n) -> reviewRow(rs)).optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> r = row.get();
        List<Scoring.Candidate> candidates = new ArrayList<>();
        Map<Integer, String> materials = new TreeMap<>();
        jdbc.sql("SELECT * FROM review_candidate WHERE review_id = :id ORDER BY id").param("id", id)
                .query(rs -> {
                    candidates.add(new Scoring.Candidate(rs.getInt("id"), rs.getString("name")));
                    if (rs.getString("material_path") != null) {
                        materials.put(rs.getInt("id"), rs.getString("material_path"));
                    }
                });
        List<Scoring.Criterion> criteria = jdbc.sql("SELECT * FROM review_criterion WHERE review_id = :id ORDER BY id")
                .param("id", id).query((rs, n) -> new Scoring.Criterion(rs.getInt("id"), rs.getString("name"),
                        rs.getBigDecimal("weight").stripTrailingZeros(), rs.getBigDecimal("max_score").stripTrailingZeros()))
                .list();
        List<Member> members = jdbc.sql("SELECT * FROM review_member WHERE review_id = :id AND recused_at IS NULL"
                        + " ORDER BY id")
                .param("id", id).query(Reviews::member).list();
        List<Review.Recusal> recusals = jdbc.sql("""
                SELECT m.code, m.display_name, m.recused_at, m.recused_reason, s.code AS substitute
                FROM review_member m LEFT JOIN review_member s ON s.review_id = m.review_id AND s.id = m.replaced_by
                WHERE m.review_id = :id AND m.recused_at IS NOT NULL ORDER BY m.id
                """)
                .param("id", id).query((rs, n) -> new Review.Recusal(rs.getString("code"), rs.getString("display_name"),
                        instant(rs, "recused_at"), rs.getString("recused_reason"), rs.getString("substitute")))
                .list();
        return Optional.of(new Review(id, (String) r.get("case"), (String) r.get("subject"),
                ScoringMethod.valueOf((String) r.get("method")), (BigDecimal) r.get("pass"), (String) r.get("level"),
                (String) r.get("officer"), (Instant) r.get("meeting"), (Instant) r.get("closes"),
                Status.valueOf((String) r.get("status")), (Boolean) r.get("download"), candidates, materials,
                criteria, members, (String) r.get("decision"), (Integer) r.get("winner"),
                (String) r.get("approval"), (String) r.get("sha"), recusals));
    }

    private static Map<String, Object> reviewRow(ResultSet rs) throws SQLException {
        Map<String, Object> row = new HashMap<>();
        row.put("case", rs.getString("case_number"));
        row.put("subject", rs.getString("subject"));
        row.put("method", rs.getString("method"));
        BigDecimal pass = rs.getBigDecimal("pass_mark");
        row.put("pass", pass == null ? null : pass.stripTrailingZeros());
        row.put("level", rs.getString("level"));
        row.put("officer", rs.getString("officer"));
        row.put("meeting", instant(rs, "meeting_at"));
        row.put("closes", instant(rs, "closes_at"));
        row.put("status", rs.getString("status"));
        row.put("download", rs.getBoolean("allow_download"));
        row.put("decision", rs.getString("decision"));
        int winner = rs.getInt("decision_winner");
        row.put("winner", rs.wasNull() ? null : winner);
        row.put("approval", rs.getString("approval_id"));
        row.put("sha", rs.getString("record_sha256"));
        return row;
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getInt("id"), rs.getString("code"), rs.getBoolean("external"), rs.getString("login"),
                rs.getString("guest_id"), rs.getString("display_name"), instant(rs, "declared_at"),
                instant(rs, "checked_in_at"), rs.getString("check_in_mode"), instant(rs, "submitted_at"),
                rs.getString("confirmed_sha256"), instant(rs, "confirmed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** Writes member {@code number} (coded A, B, ... by number); true for an outside expert. */
    private boolean insertMember(String id, int number, NewMember member) {
        boolean guest = member.login() == null || member.login().isBlank();
        String login = guest ? null : member.login().strip();
        String guestId = guest ? guests.findOrCreate(member.email(), member.name().strip()) : null;
        String name = guest ? member.name().strip()
                : directory.find(login).map(staff -> staff.displayName(workspace.defaultLocale())).orElse(login);
        jdbc.sql("""
                INSERT INTO review_member (review_id, id, code, external, login, guest_id, display_name, locale)
                VALUES (:r, :id, :code, :external, :login, :guest, :name, :locale)
                """)
                .param("r", id).param("id", number).param("code", code(number - 1)).param("external", guest)
                .param("login", login).param("guest", guestId).param("name", name)
                .param("locale", !guest ? null : member.locale() == null
                        ? workspace.defaultLocale().toLanguageTag() : member.locale())
                .update();
        return guest;
    }

    private void insertScore(String id, int member, int candidate, int criterion, BigDecimal score) {
        jdbc.sql("""
                INSERT INTO review_score (review_id, member_id, candidate_id, criterion_id, score)
                VALUES (:r, :m, :c, :k, :s)
                """)
                .param("r", id).param("m", member).param("c", candidate).param("k", criterion).param("s", score)
                .update();
    }

    // ---- helpers -------------------------------------------------------------------------

    private void requireOfficer(WorkspaceUser user, String action, String id) {
        if (!isOfficer(user.login())) {
            throw refuse(Reason.FORBIDDEN, action, user.login(), id, null,
                    List.of("only officers of " + properties.officerGroup() + " run reviews"));
        }
    }

    private void requireMfa(Reviewer reviewer, Review review, String action) {
        if (reviewer.mfa() == null) {
            throw refuse(Reason.FORBIDDEN, action, reviewer.actor(), review.id(), review.level(),
                    List.of("confirm your sign-in again (a fresh code) first"));
        }
    }

    ReviewException refuse(Reason reason, String action, String actor, String id, String level,
            List<String> problems) {
        audit.record(AuditEvent.of(action, "process").actor(actor, actor)
                .target("review", id == null ? "new" : id.length() > 20 ? id.substring(0, 20) : id, level)
                .failure(String.join("; ", problems).length() > 500
                        ? String.join("; ", problems).substring(0, 500) : String.join("; ", problems))
                .build());
        return new ReviewException(reason, problems);
    }

    /** Checks one member as asked for; {@code seen} holds who is named already ({@code login:}, {@code email:}). */
    private void checkMember(NewMember member, String where, String level, Set<String> seen, List<String> problems) {
        if (member == null) {
            problems.add(where + ": empty");
        } else if (member.login() != null && !member.login().isBlank()) {
            Optional<StaffDirectory.StaffMember> staff = directory.find(member.login().strip());
            if (staff.isEmpty() || !staff.get().enabled()) {
                problems.add(where + ": no active member of staff " + member.login());
            } else if (!seen.add("login:" + member.login().strip())) {
                problems.add(where + ": named twice");
            } else if (!cleared(member.login().strip(), level)) {
                problems.add(where + ": the clearance of " + member.login().strip() + " does not reach " + level);
            }
        } else {
            String email = member.email() == null ? "" : member.email().strip().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches() || email.length() > 254) {
                problems.add(where + ": an external member needs an e-mail address");
            } else if (!seen.add("email:" + email)) {
                problems.add(where + ": named twice");
            }
            text(member.name(), where + ": name", 200, problems);
            if (member.locale() != null && !List.of("zh-TW", "en").contains(member.locale())) {
                problems.add(where + ": language must be zh-TW or en");
            }
        }
    }

    private static void text(String value, String name, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + ": required");
        } else if (value.strip().length() > max || !PLAIN.matcher(value.strip()).matches()) {
            problems.add(name + ": at most " + max + " characters, no control characters");
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** 委員 A, B, ..., Z, AA, AB, ... */
    static String code(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index))
                : code(index / 26 - 1) + (char) ('A' + index % 26);
    }

    static String newId(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            id.append(ID_LETTERS.charAt(RANDOM.nextInt(ID_LETTERS.length())));
        }
        return id.toString();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

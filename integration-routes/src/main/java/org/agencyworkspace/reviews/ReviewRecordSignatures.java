package org.agencyworkspace.reviews;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.PadesLevel;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureBlock;
import org.agencyworkspace.connector.signing.SignatureFinding;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.connector.signing.ValidationReport;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.reviews.Review.Member;
import org.agencyworkspace.reviews.Review.Status;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.detection.Finding;
import org.agencyworkspace.security.detection.RuleSet;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.security.stepup.StepUp;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record (評選紀錄) signed by the members themselves. Once the decision is recorded the
 * record PDF is generated and frozen (its bytes and their hash stored); each member present at the
 * meeting then adds their own PAdES signature as an incremental revision over the latest accepted
 * bytes, in any order: staff with their key in custody (passphrase and a fresh step-up), guests
 * with a short-lived certificate the agency CA issues them for this review at their first
 * signature, under a passphrase they choose, after a fresh code. Every new version is validated
 * with EU DSS before it is accepted: all signatures intact and trusted, one more than before, the
 * new one by the member's own certificate. When every present member has signed, the agency's
 * seal is added last ({@link ReviewRecordSeals}) and the file is final: stored once and served as
 * the same bytes.
 *
 * <p>Signatures of one review are serialised: in this process by a lock per review, across
 * processes by a compare-and-set on the stored hash (the loser is told to sign again).
 */
public class ReviewRecordSignatures {

    static final String ACTION = "review.record.sign";
    /** A guest's certificate outlives the review's closing by this much, to sign a late record. */
    static final Duration GUEST_CERTIFICATE_GRACE = Duration.ofDays(7);
    static final int MIN_PASSPHRASE = 10;

    /**
     * What signs, when the agency CA runs.
     *
     * @param staff staff members' keys in custody (the 簽辦 flow's)
     * @param guests the guests' review certificates in custody, one per guest and review
     */
    public record Signing(AgencyCa ca, KeyCustody staff, KeyCustody guests, PdfSigner signer,
            SignatureValidator validator) {
    }

    /** One present member and their signature, if made. */
    public record MemberSignature(String code, String name, boolean external, Instant signedAt, Integer seq,
            String certificateSerial) {
    }

    /**
     * Who has signed the record.
     *
     * @param sha256 the SHA-256 of the record's bytes as they stand (final: the sealed file)
     */
    public record SignatureStatus(String reviewId, String sha256, List<MemberSignature> members, Instant finalAt) {
    }

    private final Reviews reviews;
    private final ReviewRecordSeals seals;
    private final Optional<Signing> signing;
    private final Function<Reviews.RecordView, byte[]> render;
    private final JdbcClient jdbc;
    private final IncidentStore incidents;
    private final StepUp stepUp;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param render the frozen record's PDF ({@link ReviewRecords#signable})
     */
    public ReviewRecordSignatures(Reviews reviews, ReviewRecordSeals seals, Optional<Signing> signing,
            Function<Reviews.RecordView, byte[]> render, JdbcClient jdbc, IncidentStore incidents, StepUp stepUp,
            AuditTrail audit, EventPublisher events, Clock clock) {
        this.reviews = reviews;
        this.seals = seals;
        this.signing = signing;
        this.render = render;
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.stepUp = stepUp;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Adds the member's signature to the record.
     *
     * @param passphrase opens the member's key; a guest's first signature sets it
     * @throws ReviewException NOT_FOUND for someone not (or no longer) on the panel; CONFLICT when
     *     not signable now, signed already, final, tampered with or not validating; FORBIDDEN
     *     without a fresh second factor or with a wrong passphrase (which counts toward the lockout)
     * @throws StepUpRequiredException for a member of staff who has not stepped up
     */
    @Transactional(noRollbackFor = {ReviewException.class, StepUpRequiredException.class})
    public SignatureStatus sign(String id, char[] passphrase, Reviewer reviewer) {
        reviews.memberReview(id, reviewer, ACTION);
        synchronized (locks.computeIfAbsent(id, key -> new Object())) {
            // the row lock serialises signatures across processes until this transaction commits
            jdbc.sql("SELECT id FROM review WHERE id = :id FOR UPDATE").param("id", id).query(String.class).single();
            Review review = reviews.load(id).orElseThrow();
            Member member = reviews.member(review, reviewer).orElseThrow(
                    () -> reviews.refuse(Reason.NOT_FOUND, ACTION, reviewer.actor(), id, null, List.of("no review " + id)));
            Stored stored = stored(id);
            Map<Integer, Signed> signed = signatures(id);
            List<String> problems = new ArrayList<>();
            if (stored.finalAt() != null) {
                problems.add("the record is final: every present member has signed it");
            } else if (review.status() != Status.DECIDED) {
                problems.add("the record is signed once the decision is recorded and before the review closes;"
                        + " the review is " + review.status());
            } else if (member.checkedInAt() == null) {
                problems.add("only members present at the meeting sign the record");
            } else if (signed.containsKey(member.id())) {
                problems.add("you signed the record already");
            }
            if (!problems.isEmpty()) {
                throw reviews.refuse(Reason.CONFLICT, ACTION, reviewer.actor(), id, review.level(), problems);
            }
            Signing with = signing.orElseThrow(() -> reviews.refuse(Reason.CONFLICT, ACTION, reviewer.actor(), id,
                    review.level(), List.of("the agency CA is not set up (workspace.signing.ca-passphrase):"
                            + " records cannot be signed")));
            requireSecondFactor(review, reviewer);
            if (passphrase == null || passphrase.length == 0) {
                throw reviews.refuse(Reason.INVALID, ACTION, reviewer.actor(), id, review.level(),
                        List.of("passphrase: needed to open your signing key"));
            }
            byte[] current = intact(review, frozen(review, stored), signed.size(), reviewer.actor());
            byte[] next;
            X509Certificate certificate;
            try (UnlockedKey key = keyOf(with, review, member, reviewer, passphrase)) {
                certificate = key.certificate();
                next = with.signer().sign(current, key, new SignatureBlock(member.displayName(),
                        member.external() ? "外聘評選委員 External reviewer" : "評選委員 Reviewer",
                        "評選紀錄 " + review.caseNumber() + " 委員 " + member.code()), PadesLevel.B_B);
            } catch (SigningRefusedException e) {
                boolean passphraseWrong = e.reason() == SigningRefusedException.Reason.WRONG_PASSPHRASE
                        || e.reason() == SigningRefusedException.Reason.LOCKED_OUT;
                throw reviews.refuse(passphraseWrong ? Reason.FORBIDDEN : Reason.CONFLICT, ACTION, reviewer.actor(),
                        id, review.level(), List.of(e.getMessage()));
            }
            String serial = certificate.getSerialNumber().toString(16);
            Set<String> expected = new HashSet<>();
            signed.values().forEach(s -> expected.add(s.serial()));
            expected.add(serial);
            List<String> invalid = accepts(with.validator().validate(next), expected);
            if (!invalid.isEmpty()) {
                throw reviews.refuse(Reason.CONFLICT, ACTION, reviewer.actor(), id, review.level(), invalid);
            }
            long present = review.members().stream().filter(m -> m.checkedInAt() != null).count();
            int seq = signed.size() + 1;
            byte[] last = seq == present ? sealed(with, review, next, expected, reviewer.actor()) : null;
            String after = sha256(next);
            int changed = jdbc.sql("""
                    UPDATE review SET record_pdf = :pdf, record_pdf_sha256 = :after
                    WHERE id = :id AND record_pdf_sha256 = :before AND record_final_at IS NULL
                    """).param("pdf", next).param("after", after).param("id", id).param("before", sha256(current))
                    .update();
            if (changed != 1) {
                throw reviews.refuse(Reason.CONFLICT, ACTION, reviewer.actor(), id, review.level(),
                        List.of("another signature was added at the same moment: sign again"));
            }
            jdbc.sql("""
                    INSERT INTO review_record_signature
                        (review_id, member_id, seq, signed_at, certificate_serial, signed_sha256, mfa)
                    VALUES (:r, :m, :seq, :now, :serial, :sha, :mfa)
                    """).param("r", id).param("m", member.id()).param("seq", seq).param("now", now())
                    .param("serial", serial).param("sha", after)
                    .param("mfa", reviewer.isGuest() ? reviewer.mfa() : "step-up").update();
            audit.record(AuditEvent.of(ACTION, "process").actor(reviewer.actor(), member.code())
                    .target("review", id, review.level())
                    .details(Map.of("member", member.code(), "certificate", serial, "sha256", after,
                            "seq", Integer.toString(seq)))
                    .build());
            events.publish(new ReviewEvents.RecordSigned(id, member.code(), seq, serial, after), reviewer.actor());
            if (last != null) {
                finish(review, last, seq, reviewer.actor());
            }
            return status(review);
        }
    }

    /** Who has signed, for the officer (names) once the decision is recorded. */
    public SignatureStatus status(String id, WorkspaceUser officer) {
        Review review = reviews.get(id, officer);
        if (review.recordSha256() == null) {
            throw reviews.refuse(Reason.CONFLICT, "review.record.signatures", officer.login(), id, review.level(),
                    List.of("the record exists once the decision is recorded"));
        }
        return status(review);
    }

    /** The record as it stands (frozen and signed so far, or final) for the officer. */
    public byte[] current(String id, WorkspaceUser officer) {
        return current(reviews.record(id, officer, "signed-pdf"), officer.login());
    }

    /** The record as it stands for a member, to read before signing. */
    public byte[] current(String id, Reviewer reviewer) {
        return current(reviews.record(id, reviewer, "signed-pdf"), reviewer.actor());
    }

    /** Whether the member has signed, for the member's own page. */
    public Optional<Instant> signedAt(String id, Reviewer reviewer) {
        Review review = reviews.memberReview(id, reviewer, "review.read");
        Member member = reviews.member(review, reviewer).orElseThrow();
        return Optional.ofNullable(signatures(id).get(member.id())).map(Signed::at);
    }

    private byte[] current(Reviews.RecordView record, String actor) {
        Review review = record.review();
        if (review.recordSha256() == null) {
            throw reviews.refuse(Reason.CONFLICT, "review.record.export", actor, review.id(), review.level(),
                    List.of("the record exists once the decision is recorded"));
        }
        synchronized (locks.computeIfAbsent(review.id(), key -> new Object())) {
            Stored stored = stored(review.id());
            if (stored.finalAt() != null) {
                return jdbc.sql("SELECT sealed_record FROM review WHERE id = :id").param("id", review.id())
                        .query(byte[].class).single();
            }
            return intact(review, frozen(review, stored), signatures(review.id()).size(), actor);
        }
    }

    private SignatureStatus status(Review review) {
        Map<Integer, Signed> signed = signatures(review.id());
        List<MemberSignature> members = new ArrayList<>();
        for (Member member : review.members()) {
            if (member.checkedInAt() != null) {
                Signed s = signed.get(member.id());
                members.add(new MemberSignature(member.code(), member.displayName(), member.external(),
                        s == null ? null : s.at(), s == null ? null : s.seq(), s == null ? null : s.serial()));
            }
        }
        Stored stored = stored(review.id());
        return new SignatureStatus(review.id(), stored.finalAt() != null ? stored.sealedSha256() : stored.sha256(),
                members, stored.finalAt());
    }

    /**
     * Every present member signed: the agency's seal goes last, checked like a member's signature
     * (all signatures valid, exactly one more), before anything is written.
     */
    private byte[] sealed(Signing with, Review review, byte[] signed, Set<String> serials, String actor) {
        byte[] last = seals.seal(signed, review, actor);
        ValidationReport report = with.validator().validate(last);
        Set<String> withSeal = new HashSet<>(serials);
        report.signatures().stream().map(SignatureFinding::certificateSerial).filter(s -> !serials.contains(s))
                .findFirst().ifPresent(withSeal::add);
        List<String> invalid = accepts(report, withSeal);
        if (!invalid.isEmpty() || withSeal.size() != serials.size() + 1) {
            throw reviews.refuse(Reason.CONFLICT, ACTION, actor, review.id(), review.level(),
                    invalid.isEmpty() ? List.of("the agency's seal did not validate") : invalid);
        }
        return last;
    }

    /** Stores the sealed record as final: from now on it is the one file served. */
    private void finish(Review review, byte[] last, int signatures, String actor) {
        String sha = sha256(last);
        jdbc.sql("""
                UPDATE review SET sealed_record = :pdf, sealed_at = :now, record_final_at = :now
                WHERE id = :id AND record_final_at IS NULL
                """).param("pdf", last).param("now", now()).param("id", review.id()).update();
        audit.record(AuditEvent.of("review.record.final", "process").actor(actor, actor)
                .target("review", review.id(), review.level())
                .details(Map.of("sha256", sha, "signatures", Integer.toString(signatures))).build());
        events.publish(new ReviewEvents.RecordFinal(review.id(), signatures, sha), actor);
    }

    /**
     * Whether {@code report} shows exactly the expected signers' signatures and the agency's seal
     * at most, all valid; the problems otherwise.
     */
    static List<String> accepts(ValidationReport report, Set<String> serials) {
        List<String> problems = new ArrayList<>();
        if (!report.problem().isEmpty()) {
            problems.add("the signed record could not be validated: " + report.problem());
            return problems;
        }
        Set<String> found = new HashSet<>();
        for (SignatureFinding finding : report.signatures()) {
            found.add(finding.certificateSerial());
            if (!finding.valid()) {
                problems.add("a signature does not stand: " + finding.signer() + " (" + finding.indication()
                        + (finding.subIndication().isEmpty() ? "" : ", " + finding.subIndication()) + ")");
            }
        }
        if (report.signatures().size() != serials.size() || !found.equals(serials)) {
            problems.add("the record carries " + report.signatures().size() + " signature(s), not the "
                    + serials.size() + " accepted members' own");
        }
        return problems;
    }

    /** The stored bytes, when they are what was last accepted; a tampered record raises an incident. */
    private byte[] intact(Review review, byte[] bytes, int signatures, String actor) {
        Stored stored = stored(review.id());
        List<String> problems = new ArrayList<>();
        if (!sha256(bytes).equals(stored.sha256())) {
            problems.add("the stored record's hash is not the one last accepted");
        } else if (stored.frozenLength() == null || bytes.length < stored.frozenLength()
                || !sha256(java.util.Arrays.copyOf(bytes, stored.frozenLength())).equals(stored.frozenSha256())) {
            problems.add("the stored record does not begin with the record as generated");
        }
        if (problems.isEmpty()) {
            return bytes;
        }
        incidents.raise(new Finding("review-record-tampered", RuleSet.Severity.HIGH, "review:" + review.id(),
                "The stored record (評選紀錄) of review " + review.id() + " was changed outside the workspace",
                List.of(problems.get(0), "signatures accepted: " + signatures), clock.instant()));
        audit.record(AuditEvent.of("review.record.tampered", "security").actor(actor, actor)
                .target("review", review.id(), review.level()).failure(problems.get(0)).build());
        throw reviews.refuse(Reason.CONFLICT, ACTION, actor, review.id(), review.level(),
                List.of("the stored record was changed outside the workspace: nothing can be signed;"
                        + " the security officer is alerted"));
    }

    /** The frozen record, generated on first need after the decision; the first to store it wins. */
    private byte[] frozen(Review review, Stored stored) {
        if (stored.pdf() != null) {
            return stored.pdf();
        }
        byte[] pdf = render.apply(new Reviews.RecordView(review, reviews.resultOf(review, false)));
        String sha = sha256(pdf);
        jdbc.sql("""
                UPDATE review SET record_pdf = :pdf, record_pdf_sha256 = :sha, record_frozen_sha256 = :sha,
                    record_frozen_length = :length WHERE id = :id AND record_pdf IS NULL
                """).param("pdf", pdf).param("sha", sha).param("length", pdf.length).param("id", review.id()).update();
        audit.record(AuditEvent.of("review.record.freeze", "process").actor(AuditEvent.Actor.SYSTEM)
                .target("review", review.id(), review.level()).details(Map.of("sha256", sha)).build());
        return stored(review.id()).pdf();
    }

    private void requireSecondFactor(Review review, Reviewer reviewer) {
        if (reviewer.isGuest()) {
            if (reviewer.mfa() == null) {
                throw reviews.refuse(Reason.FORBIDDEN, ACTION, reviewer.actor(), review.id(), review.level(),
                        List.of("code: a fresh sign-in code (e-mailed or from your app) is needed to sign"));
            }
            return;
        }
        try {
            stepUp.require();
        } catch (StepUpRequiredException refused) {
            audit.record(AuditEvent.of(ACTION, "process").actor(reviewer.actor(), reviewer.displayName())
                    .target("review", review.id(), review.level()).failure("STEP_UP_REQUIRED").build());
            throw refused;
        }
    }

    /**
     * The member's key: a staff member's own in custody; a guest's review certificate, issued by
     * the agency CA on their first signature under the passphrase they give then.
     */
    private UnlockedKey keyOf(Signing with, Review review, Member member, Reviewer reviewer, char[] passphrase) {
        if (!member.external()) {
            return with.staff().unlock(member.login(), passphrase);
        }
        String holder = guestHolder(review.id(), member.guestId());
        if (with.guests().certificate(holder).isEmpty()) {
            if (passphrase.length < MIN_PASSPHRASE) {
                throw reviews.refuse(Reason.INVALID, ACTION, reviewer.actor(), review.id(), review.level(),
                        List.of("passphrase: at least " + MIN_PASSPHRASE + " characters for your new signing key"));
            }
            var issued = with.ca().issue(new CertificateHolder(member.displayName(), "外聘評選委員 External reviewer",
                    "評選 " + review.caseNumber(), "GUEST-" + member.guestId() + "-" + review.id()), passphrase,
                    review.closesAt().plus(GUEST_CERTIFICATE_GRACE));
            with.guests().deposit(holder, issued);
            audit.record(AuditEvent.of("review.guest-certificate.issue", "iam").actor(reviewer.actor(), member.code())
                    .target("certificate", issued.serial().toString(16), review.level())
                    .details(Map.of("review", review.id(), "notAfter",
                            review.closesAt().plus(GUEST_CERTIFICATE_GRACE).toString())).success().build());
        }
        return with.guests().unlock(holder, passphrase);
    }

    static String guestHolder(String reviewId, String guestId) {
        return "review-" + reviewId + "-guest-" + guestId;
    }

    private Stored stored(String id) {
        return jdbc.sql("""
                SELECT record_pdf, record_pdf_sha256, record_frozen_sha256, record_frozen_length, record_final_at,
                    sealed_record FROM review WHERE id = :id
                """).param("id", id).query((rs, n) -> {
                    int length = rs.getInt("record_frozen_length");
                    Integer frozenLength = rs.wasNull() ? null : length;
                    java.time.OffsetDateTime at = rs.getObject("record_final_at", java.time.OffsetDateTime.class);
                    byte[] sealed = rs.getBytes("sealed_record");
                    return new Stored(rs.getBytes("record_pdf"), rs.getString("record_pdf_sha256"),
                            rs.getString("record_frozen_sha256"), frozenLength, at == null ? null : at.toInstant(),
                            sealed == null ? null : sha256(sealed));
                }).single();
    }

    private Map<Integer, Signed> signatures(String id) {
        Map<Integer, Signed> signed = new LinkedHashMap<>();
        jdbc.sql("SELECT member_id, seq, signed_at, certificate_serial FROM review_record_signature"
                        + " WHERE review_id = :id ORDER BY seq")
                .param("id", id).query(rs -> {
                    signed.put(rs.getInt("member_id"), new Signed(rs.getInt("seq"),
                            rs.getObject("signed_at", java.time.OffsetDateTime.class).toInstant(),
                            rs.getString("certificate_serial")));
                });
        return signed;
    }

    private java.time.OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(byte[] pdf, String sha256, String frozenSha256, Integer frozenLength, Instant finalAt,
            String sealedSha256) {
    }

    private record Signed(int seq, Instant at, String serial) {
    }
}

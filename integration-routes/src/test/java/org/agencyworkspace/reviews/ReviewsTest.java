package org.agencyworkspace.reviews;

import static org.agencyworkspace.reviews.ReviewsFixture.ALICE;
import static org.agencyworkspace.reviews.ReviewsFixture.DAVE;
import static org.agencyworkspace.reviews.ReviewsFixture.ERIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.reviews.Review.Member;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.reviews.Reviews.SheetInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review from set-up to close through the service, with the hand-worked sheets of
 * {@link ScoringTest}; and every refusal the issue names: clear, audited, nothing changed.
 */
class ReviewsTest {

    final ReviewsFixture fixture;
    final Reviews reviews;

    ReviewsTest(@TempDir Path folder) {
        fixture = new ReviewsFixture(folder);
        reviews = fixture.reviews;
    }

    @Test
    void fiveMembersDeclareCheckInScoreAndTheResultIsTheOneWorkedOutByHand() {
        Review review = openReview("CASE-115-001", ScoringMethod.TOTAL_SCORE, new BigDecimal("75"));
        List<Reviewer> members = reviewers(review);
        scoreAll(review, members);

        Reviews.ResultView result = reviews.openScores(review.id(), ALICE);

        assertThat(result.result().standings()).extracting(Scoring.Standing::averageScore)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("78.4"), d("78"), d("73.8"));
        assertThat(result.result().winner()).isEqualTo(1);
        assertThat(result.names()).containsEntry("B", "王教授");
        assertThat(reviews.result(review.id(), members.get(1)).names()).as("members see codes only").isEmpty();
        assertThat(fixture.events.of(ReviewEvents.ScoresOpened.class)).singleElement()
                .satisfies(e -> assertThat(e.decidedBy()).isEqualTo("SCORE"));

        Review decided = reviews.decide(review.id(), 1, "甲公司為最有利標，經委員會過半數決定。", ALICE);
        assertThat(decided.status()).isEqualTo(Review.Status.DECIDED);
        assertThat(decided.recordSha256()).hasSize(64);
        Approval approval = fixture.approvals.find(decided.approvalId()).orElseThrow();
        assertThat(approval.kind()).isEqualTo(Reviews.APPROVAL_KIND);
        assertThat(fixture.approvals.decide(approval.id(), DAVE.login(), true, null).outcome())
                .isEqualTo(org.agencyworkspace.approvals.Approvals.Outcome.DECIDED);
        assertThat(ReviewRecords.sha256(ReviewRecords.csv(decided, reviews.resultOf(decided, false))))
                .as("the record hashes the same when read again").isEqualTo(decided.recordSha256());

        for (Reviewer member : members) {
            reviews.confirmRecord(review.id(), decided.recordSha256(), member);
        }
        assertThat(reviews.load(review.id()).orElseThrow().members()).allSatisfy(m ->
                assertThat(m.confirmedSha256()).isEqualTo(decided.recordSha256()));

        reviews.close(review.id(), ALICE);
        for (Member member : decided.members()) {
            if (member.external()) {
                assertThat(fixture.guests.active(member.guestId())).isFalse();
                assertThat(fixture.guests.find(member.guestId()).orElseThrow().expired()).isTrue();
            }
        }
        assertThat(fixture.events.of(ReviewEvents.GuestExpired.class)).hasSize(3);
        assertThat(fixture.audit.actions()).contains("review.create", "review.open", "review.declare",
                "review.check-in", "review.sheet.submit", "review.scores.open", "review.decide",
                "review.record.confirm", "review.close", "review.guest.expire");
    }

    @Test
    void convertedRanksOnTheSameSheetsTieAndTheHighestWeightedCriterionDecides() {
        Review review = openReview("CASE-115-002", ScoringMethod.CONVERTED_RANK, null);
        scoreAll(review, reviewers(review));

        Scoring.Result result = reviews.openScores(review.id(), ALICE).result();

        assertThat(result.standings()).extracting(Scoring.Standing::rankSum)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("9"), d("9"), d("12"));
        assertThat(result.decidedBy()).isEqualTo(Scoring.Step.HIGHEST_WEIGHTED_CRITERION);
        assertThat(result.winner()).isEqualTo(1);
    }

    @Test
    void aDeclaredConflictRemovesTheMemberFromThatCandidateAndScoringItIsRefused() {
        Review review = openReview("CASE-115-003", ScoringMethod.TOTAL_SCORE, null);
        List<Reviewer> members = reviewers(review);
        Reviewer wang = members.get(1);
        fixture.clock.set(ReviewsFixture.MEETING);
        reviews.declare(review.id(), Map.of(1, false, 2, true, 3, false), wang);
        reviews.checkIn(review.id(), "REMOTE", wang);
        int audited = fixture.audit.events().size();

        refused(() -> reviews.saveSheet(review.id(), sheet(SHEETS[1]), true, wang), Reason.INVALID,
                "candidate 2: you declared a conflict of interest for it");
        assertThat(fixture.audit.events().subList(audited, fixture.audit.events().size()))
                .singleElement().satisfies(event -> {
                    assertThat(event.action()).isEqualTo("review.sheet.submit");
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                });
        assertThat(reviews.memberView(review.id(), wang).sheet().scores()).as("nothing stored").isEmpty();

        Map<Integer, Map<Integer, BigDecimal>> withoutB = new HashMap<>(sheet(SHEETS[1]).scores());
        withoutB.remove(2);
        reviews.saveSheet(review.id(), new SheetInput(withoutB, null), true, wang);
        assertThat(reviews.memberView(review.id(), wang).conflicts()).containsExactly(2);
        refused(() -> new ReviewMaterials(reviews, null, null, null, fixture.scheme, fixture.audit, fixture.clock)
                .read(review.id(), 2, false, wang), Reason.FORBIDDEN,
                "you declared a conflict of interest for this candidate");
    }

    @Test
    void badSheetsAreRefusedClearlyAuditedAndNothingIsStored() {
        Review review = openReview("CASE-115-004", ScoringMethod.TOTAL_SCORE, null);
        Reviewer erin = reviewers(review).get(0);
        fixture.clock.set(ReviewsFixture.MEETING);
        refused(() -> reviews.saveSheet(review.id(), sheet(SHEETS[0]), false, erin), Reason.CONFLICT,
                "declare conflicts of interest first");
        refused(() -> reviews.declare(review.id(), noConflicts(), erin.withMfa(null)), Reason.FORBIDDEN,
                "confirm your sign-in again (a fresh code) first");
        reviews.declare(review.id(), noConflicts(), erin);
        refused(() -> reviews.declare(review.id(), noConflicts(), erin), Reason.CONFLICT, "you declared already");
        refused(() -> reviews.saveSheet(review.id(), sheet(SHEETS[0]), false, erin), Reason.CONFLICT, "check in first");
        reviews.checkIn(review.id(), "ON_SITE", erin);

        SheetInput outOfRange = new SheetInput(Map.of(1, Map.of(1, d("120"), 2, d("8"))), null);
        refused(() -> reviews.saveSheet(review.id(), outOfRange, false, erin), Reason.INVALID,
                "candidate 1, criterion 1: 120 is outside 0 to 100");
        SheetInput partial = new SheetInput(Map.of(1, Map.of(1, d("80"))), null);
        reviews.saveSheet(review.id(), partial, false, erin);
        refused(() -> reviews.saveSheet(review.id(), partial, true, erin), Reason.INVALID,
                "candidate 1, criterion 2: missing", "candidate 2, criterion 1: missing",
                "candidate 2, criterion 2: missing", "candidate 3, criterion 1: missing",
                "candidate 3, criterion 2: missing");
        assertThat(reviews.memberView(review.id(), erin).submittedAt()).isNull();
        assertThat(reviews.memberView(review.id(), erin).sheet().scores()).isEqualTo(Map.of(1, Map.of(1, d("80"))));
        refused(() -> reviews.result(review.id(), ALICE), Reason.CONFLICT, "the officer has not opened the sheets");

        fixture.clock.set(review.closesAt());
        refused(() -> reviews.saveSheet(review.id(), sheet(SHEETS[0]), true, erin), Reason.CONFLICT,
                "scoring is closed");
        assertThat(reviews.memberView(review.id(), erin).sheet().scores()).isEqualTo(Map.of(1, Map.of(1, d("80"))));
        assertThat(fixture.audit.events()).filteredOn(e -> e.outcome() == AuditEvent.Outcome.FAILURE)
                .extracting(AuditEvent::action).containsExactly("review.sheet.save", "review.declare",
                        "review.declare", "review.sheet.save", "review.sheet.save", "review.sheet.submit",
                        "review.result.read", "review.sheet.submit");
    }

    @Test
    void aReviewClosedBeforeTheSheetsWereOpenedNeverShowsScores() {
        Review review = openReview("CASE-115-009", ScoringMethod.TOTAL_SCORE, null);
        List<Reviewer> members = reviewers(review);
        scoreAll(review, members);
        reviews.close(review.id(), ALICE);

        refused(() -> reviews.result(review.id(), ALICE), Reason.CONFLICT, "the officer has not opened the sheets");
        refused(() -> reviews.result(review.id(), members.get(0)), Reason.CONFLICT,
                "the officer has not opened the sheets");
        refused(() -> reviews.record(review.id(), members.get(0), "pdf"), Reason.CONFLICT,
                "the record exists once the decision is recorded");
        refused(() -> reviews.memberView(review.id(), members.get(1)), Reason.NOT_FOUND,
                "the review is not open to members");
    }

    @Test
    void onlyOfficersSetUpAndTooFewExternalMembersCannotOpen() {
        refused(() -> reviews.create(fixture.newReview("X-1", ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ERIN), Reason.FORBIDDEN, "only officers of general-affairs run reviews");
        List<Reviews.NewMember> oneExternal = List.of(new Reviews.NewMember("erin", null, null, null),
                new Reviews.NewMember("carol", null, null, null), new Reviews.NewMember("dave", null, null, null),
                new Reviews.NewMember("alice", null, null, null),
                new Reviews.NewMember(null, "x@outside.test", "X", "en"));
        Review review = reviews.create(fixture.newReview("X-2", ScoringMethod.TOTAL_SCORE, null, oneExternal), ALICE);
        refused(() -> reviews.open(review.id(), ALICE), Reason.INVALID,
                "members: 1 external of 5, at least 1/3 must be external");
        assertThat(reviews.get(review.id(), ALICE).status()).isEqualTo(Review.Status.DRAFT);
        refused(() -> reviews.create(new Reviews.NewReview("X-3", " ", null, d("120"), "no-such-level", null, null,
                null, List.of(), List.of(), List.of(new Reviews.NewMember(null, "not-mail", null, "fr"))), ALICE),
                Reason.INVALID, "subject: required", "level: not a classification level code",
                "schedule: the meeting time and the closing time are required",
                "method: one of TOTAL_SCORE, RANK_ORDER, CONVERTED_RANK", "candidates: at least one",
                "criteria: at least one, with weights summing to 100", "pass mark: between 0 and 100",
                "member 1: an external member needs an e-mail address", "member 1: name: required",
                "member 1: language must be zh-TW or en");
        assertThat(reviews.listForOfficer(ALICE)).extracting(Review::caseNumber).containsExactly("X-2");
    }

    @Test
    void invitationLinksWorkOnceUntilTheyExpireAndNotAfterTheReviewCloses() {
        Review review = openReview("CASE-115-005", ScoringMethod.TOTAL_SCORE, null);
        Member wang = review.members().get(1);
        String token = fixture.guests.newInvitationToken(review.id(), wang.id(), wang.guestId());
        assertThat(fixture.database.jdbc().sql("SELECT token_sha256 FROM review_invitation").query(String.class).list())
                .as("only the hash is stored").containsExactly(ReviewGuests.sha256(token));

        assertThat(fixture.guests.redeem(token, "192.0.2.1", "test").guest().id()).isEqualTo(wang.guestId());
        assertThatThrownBy(() -> fixture.guests.redeem(token, "192.0.2.1", "test"))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.reason()).isEqualTo(Reason.GONE));
        String late = fixture.guests.newInvitationToken(review.id(), wang.id(), wang.guestId());
        fixture.clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThatThrownBy(() -> fixture.guests.redeem(late, "192.0.2.1", "test")).isInstanceOf(ReviewException.class);
        fixture.clock.set(ReviewsFixture.START);
        String closed = fixture.guests.newInvitationToken(review.id(), wang.id(), wang.guestId());
        reviews.close(review.id(), ALICE);
        assertThatThrownBy(() -> fixture.guests.redeem(closed, "192.0.2.1", "test")).isInstanceOf(ReviewException.class);
        assertThatThrownBy(() -> fixture.guests.redeem("made-up", "192.0.2.1", "test")).isInstanceOf(ReviewException.class);

        assertThat(fixture.audit.events()).filteredOn(e -> e.action().startsWith("review.guest.") && !e.action().equals("review.guest.expire"))
                .extracting(AuditEvent::action, e -> e.outcome() == AuditEvent.Outcome.FAILURE ? e.reason() : "ok")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("review.guest.invitation", "ok"),
                        org.assertj.core.groups.Tuple.tuple("review.guest.invitation", "link used already"),
                        org.assertj.core.groups.Tuple.tuple("review.guest.invitation", "link expired"),
                        org.assertj.core.groups.Tuple.tuple("review.guest.after-close", "review closed"),
                        org.assertj.core.groups.Tuple.tuple("review.guest.invitation", "unknown link"));
    }

    @Test
    void aGuestSeesOnlyTheirReviewsAndReachingForAnotherIsAudited() {
        Review first = openReview("CASE-115-006", ScoringMethod.TOTAL_SCORE, null);
        Review other = reviews.open(reviews.create(fixture.newReview("CASE-115-007", ScoringMethod.TOTAL_SCORE, null,
                List.of(new Reviews.NewMember("erin", null, null, null),
                        new Reviews.NewMember(null, "a@x.test", "A", null), new Reviews.NewMember(null, "b@x.test", "B", null),
                        new Reviews.NewMember("carol", null, null, null),
                        new Reviews.NewMember(null, "c@x.test", "C", null))), ALICE).id(), ALICE);
        Reviewer wang = reviewers(first).get(1);

        assertThat(reviews.reviewsOf(wang)).extracting(Reviews.MemberView::id).containsExactly(first.id());
        Reviews.MemberView view = reviews.memberView(first.id(), wang);
        assertThat(view.code()).isEqualTo("B");
        assertThat(view.members()).isEqualTo(5);
        refused(() -> reviews.memberView(other.id(), wang), Reason.NOT_FOUND, "no review " + other.id());
        assertThat(fixture.audit.events()).filteredOn(e -> e.action().equals("review.guest.outside-review"))
                .singleElement().satisfies(e -> assertThat(e.actor().id()).isEqualTo(wang.actor()));
        refused(() -> reviews.get(first.id(), ERIN), Reason.FORBIDDEN, "only officers of general-affairs run reviews");
    }

    @Test
    void codesAreUsedOnceAndVoidAfterTooManyWrongTries() {
        Review review = openReview("CASE-115-008", ScoringMethod.TOTAL_SCORE, null);
        String guest = review.members().get(1).guestId();
        String code = fixture.guests.newCode(guest);
        assertThat(fixture.guests.checkCode(guest, code)).contains("email-code");
        assertThat(fixture.guests.checkCode(guest, code)).as("once").isEmpty();

        String next = fixture.guests.newCode(guest);
        String wrong = next.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < fixture.properties.codeAttempts(); i++) {
            assertThat(fixture.guests.checkCode(guest, wrong)).isEmpty();
        }
        assertThat(fixture.guests.checkCode(guest, next)).as("void after too many tries").isEmpty();
        String fresh = fixture.guests.newCode(guest);
        fixture.clock.advance(Duration.ofMinutes(11));
        assertThat(fixture.guests.checkCode(guest, fresh)).as("expired").isEmpty();

        String secret = fixture.guests.newTotpSecret();
        assertThat(fixture.guests.enrolTotp(guest, secret, fixture.totp.codeAt(secret, fixture.totp.currentStep())))
                .isTrue();
        fixture.clock.advance(Duration.ofSeconds(30));
        String totp = fixture.totp.codeAt(secret, fixture.totp.currentStep());
        assertThat(fixture.guests.checkCode(guest, totp)).contains("totp");
        assertThat(fixture.guests.checkCode(guest, totp)).as("a TOTP step once").isEmpty();
    }

    @Test
    void aRecusedMemberIsReplacedTheirSheetCountsForNothingAndTheyLoseTheReview() {
        Review review = openReview("CASE-115-009", ScoringMethod.TOTAL_SCORE, null);
        List<Reviewer> members = reviewers(review);
        Reviewer wang = members.get(1);
        fixture.clock.set(ReviewsFixture.MEETING.minus(Duration.ofMinutes(30)));
        reviews.declare(review.id(), noConflicts(), wang);
        reviews.checkIn(review.id(), "REMOTE", wang);
        reviews.saveSheet(review.id(), sheet(new int[] {100, 10, 0, 0, 0, 0}), true, wang);

        Review replaced = reviews.replaceMember(review.id(), "B",
                new Reviews.NewMember(null, "lin@university.test", "林教授", "zh-TW"), "與乙公司有利害關係", ALICE);

        assertThat(replaced.members()).extracting(Member::code).containsExactly("A", "C", "D", "E", "F");
        assertThat(replaced.recusals()).singleElement().satisfies(recusal -> {
            assertThat(recusal.code()).isEqualTo("B");
            assertThat(recusal.substituteCode()).isEqualTo("F");
            assertThat(recusal.reason()).isEqualTo("與乙公司有利害關係");
        });
        Member lin = replaced.members().get(4);
        assertThat(lin.external()).isTrue();
        assertThat(fixture.database.jdbc().sql("SELECT COUNT(*) FROM review_mail WHERE review_id = :r AND member_id = 6"
                + " AND kind = 'INVITATION' AND status = 'PENDING'").param("r", review.id()).query(Integer.class).single())
                .as("the substitute is invited by the guest mail").isEqualTo(1);
        refused(() -> reviews.memberView(review.id(), wang), Reason.NOT_FOUND, "no review " + review.id());
        assertThat(fixture.guests.active(wang.guestId())).as("wang sat on no other review").isFalse();

        List<Reviewer> panel = reviewers(replaced);
        int[][] sheets = {SHEETS[0], SHEETS[2], SHEETS[3], SHEETS[4], SHEETS[1]};
        for (int i = 0; i < panel.size(); i++) {
            reviews.declare(review.id(), noConflicts(), panel.get(i));
            reviews.checkIn(review.id(), i == 4 ? "REMOTE" : "ON_SITE", panel.get(i));
            reviews.saveSheet(review.id(), sheet(sheets[i]), true, panel.get(i));
        }
        Reviews.ResultView result = reviews.openScores(review.id(), ALICE);

        assertThat(result.sheets()).containsOnlyKeys("A", "C", "D", "E", "F");
        assertThat(result.result().standings()).as("the hand-worked averages: B's sheet is not in them")
                .extracting(Scoring.Standing::averageScore)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("78.4"), d("78"), d("73.8"));
        assertThat(fixture.events.of(ReviewEvents.MemberReplaced.class)).singleElement()
                .isEqualTo(new ReviewEvents.MemberReplaced(review.id(), "B", "F", true, "alice"));
        assertThat(fixture.audit.events()).filteredOn(e -> e.action().equals("review.member.replace"))
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));
        refused(() -> reviews.replaceMember(review.id(), "A", new Reviews.NewMember("carol", null, null, null),
                "late", ALICE), Reason.CONFLICT,
                "members are replaced while the review is OPEN, before the sheets are opened; it is SCORES_OPENED");
    }

    @Test
    void aReplacementThatNamesNobodyOrAMemberAlreadyIsRefusedAndChangesNothing() {
        Review review = openReview("CASE-115-010", ScoringMethod.TOTAL_SCORE, null);
        int audited = fixture.audit.events().size();

        refused(() -> reviews.replaceMember(review.id(), "Z", new Reviews.NewMember("erin", null, null, null), " ",
                ALICE), Reason.INVALID, "member: no member Z on the panel", "reason: required",
                "substitute: named twice");
        refused(() -> reviews.replaceMember(review.id(), "B",
                new Reviews.NewMember(null, "PROF.WANG@university.test", "王", null), "again", ALICE), Reason.INVALID,
                "substitute: named twice");
        refused(() -> reviews.replaceMember(review.id(), "B", new Reviews.NewMember("carol", null, null, null),
                "x", ERIN), Reason.FORBIDDEN, "only officers of general-affairs run reviews");

        assertThat(reviews.load(review.id()).orElseThrow().recusals()).isEmpty();
        assertThat(fixture.audit.events().subList(audited, fixture.audit.events().size()))
                .extracting(AuditEvent::outcome).containsOnly(AuditEvent.Outcome.FAILURE).hasSize(3);
        assertThat(fixture.events.of(ReviewEvents.MemberReplaced.class)).isEmpty();
    }

    @Test
    void nothingOfAReviewReachesStaffWhoseClearanceIsBelowItsLevel() {
        Review review = openReview("CASE-115-011", ScoringMethod.TOTAL_SCORE, null);
        Reviewer erin = reviewers(review).get(0);
        fixture.database.jdbc().sql("UPDATE local_account SET clearance = 'unmarked' WHERE username IN ('erin', 'alice')")
                .update();

        refused(() -> reviews.memberView(review.id(), erin), Reason.FORBIDDEN,
                "your clearance does not reach the review's level secret");
        refused(() -> new ReviewMaterials(reviews, null, null, null, fixture.scheme, fixture.audit, fixture.clock)
                .read(review.id(), 1, false, erin), Reason.FORBIDDEN, "your clearance does not reach the review's level secret");
        assertThat(reviews.reviewsOf(erin)).isEmpty();
        refused(() -> reviews.get(review.id(), ALICE), Reason.FORBIDDEN,
                "your clearance does not reach the review's level secret");
        assertThat(reviews.listForOfficer(ALICE)).isEmpty();
        refused(() -> reviews.create(fixture.newReview("CASE-115-012", ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ALICE), Reason.INVALID, "level: your clearance does not reach secret",
                "member 1: the clearance of erin does not reach secret");
    }

    // ---- helpers ------------------------------------------------------------------------

    /** ScoringTest's five sheets: candidate → (技術能力, 價格合理性). */
    static final int[][] SHEETS = {
        {80, 8, 70, 9, 90, 5}, {75, 7, 85, 8, 60, 6}, {90, 9, 80, 7, 70, 7}, {70, 6, 75, 9, 80, 8},
        {85, 8, 80, 6, 75, 10}};

    Review openReview(String caseNumber, ScoringMethod method, BigDecimal passMark) {
        Review review = reviews.create(fixture.newReview(caseNumber, method, passMark, ReviewsFixture.fiveMembers()),
                ALICE);
        assertThat(review.members()).extracting(Member::code).containsExactly("A", "B", "C", "D", "E");
        return reviews.open(review.id(), ALICE);
    }

    List<Reviewer> reviewers(Review review) {
        return review.members().stream().map(m -> m.external()
                ? Reviewer.guest(m.guestId(), m.displayName(), "email-code")
                : Reviewer.staff(m.login(), m.displayName(), "step-up")).toList();
    }

    void scoreAll(Review review, List<Reviewer> members) {
        fixture.clock.set(ReviewsFixture.MEETING.minus(Duration.ofMinutes(30)));
        for (int i = 0; i < members.size(); i++) {
            reviews.declare(review.id(), noConflicts(), members.get(i));
            reviews.checkIn(review.id(), i % 2 == 0 ? "ON_SITE" : "REMOTE", members.get(i));
            reviews.saveSheet(review.id(), sheet(SHEETS[i]), true, members.get(i));
        }
    }

    static SheetInput sheet(int[] values) {
        Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>();
        for (int candidate = 1; candidate <= 3; candidate++) {
            scores.put(candidate, Map.of(1, new BigDecimal(values[(candidate - 1) * 2]),
                    2, new BigDecimal(values[(candidate - 1) * 2 + 1])));
        }
        return new SheetInput(scores, null);
    }

    static Map<Integer, Boolean> noConflicts() {
        return Map.of(1, false, 2, false, 3, false);
    }

    static void refused(Supplier<?> action, Reason reason, String... problems) {
        assertThatThrownBy(action::get).isInstanceOfSatisfying(ReviewException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.problems()).containsExactlyInAnyOrder(problems);
        });
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}

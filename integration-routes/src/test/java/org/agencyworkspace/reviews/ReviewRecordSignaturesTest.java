package org.agencyworkspace.reviews;

import static org.agencyworkspace.reviews.RecordSigningFixture.GUEST_PASSPHRASE;
import static org.agencyworkspace.reviews.RecordSigningFixture.STAFF_PASSPHRASE;
import static org.agencyworkspace.reviews.RecordSigningFixture.TAIPEI;
import static org.agencyworkspace.reviews.RecordSigningFixture.reviewer;
import static org.agencyworkspace.reviews.ReviewsFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.agencyworkspace.connector.signing.SignatureFinding;
import org.agencyworkspace.connector.signing.ValidationReport;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members sign the record (評選紀錄) with their own PAdES signatures: five members (three
 * external, with review certificates the agency CA issues them at their first signature) sign in
 * any order, each signature validated by EU DSS before it is accepted; the agency's seal goes last
 * and the final file is stored once. Every refusal is a clear 4xx, audited, with nothing written.
 */
class ReviewRecordSignaturesTest {

    final RecordSigningFixture signing;
    final Reviews reviews;

    ReviewRecordSignaturesTest(@TempDir Path folder) {
        signing = new RecordSigningFixture(folder);
        reviews = signing.reviews;
    }

    @AfterEach
    void stop() {
        signing.close();
    }

    Review.Member member(Review review, String code) {
        return review.members().stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
    }

    int signatureRows() {
        return signing.fixture.database.jdbc().sql("SELECT COUNT(*) FROM review_record_signature")
                .query(Integer.class).single();
    }

    @Test
    void fiveMembersSignInAnyOrderAndTheFinalRecordCarriesFiveValidSignaturesThenTheSeal() {
        Review review = signing.decided("CASE-115-040");
        List<String> order = List.of("B", "A", "E", "D", "C");

        byte[] last = null;
        for (int i = 0; i < order.size(); i++) {
            Review.Member m = member(review, order.get(i));
            ReviewRecordSignatures.SignatureStatus status = signing.signatures.sign(review.id(),
                    RecordSigningFixture.passphraseOf(m), reviewer(m));
            assertThat(status.members()).filteredOn(s -> s.signedAt() != null).hasSize(i + 1);
            assertThat(status.finalAt() == null).isEqualTo(i < order.size() - 1);
            byte[] now = signing.signatures.current(review.id(), ALICE);
            if (last != null && i < order.size() - 1) {
                assertThat(java.util.Arrays.copyOf(now, last.length)).as("each signature an incremental revision")
                        .isEqualTo(last);
            }
            last = now;
        }

        byte[] signed = signing.signatures.current(review.id(), ALICE);
        ValidationReport report = signing.validator.validate(signed);
        assertThat(report.allValid()).as(report.inPlainWords(TAIPEI)).isTrue();
        List<String> signers = report.signatures().stream().map(SignatureFinding::signer).toList();
        assertThat(signers).containsExactly("王教授", "erin", "陳顧問", "carol", "Dr. Lee",
                "測試機關 Test Agency 評選紀錄");
        assertThat(report.signatures().subList(0, 5)).extracting(SignatureFinding::step)
                .containsExactly("評選紀錄 CASE-115-040 委員 B", "評選紀錄 CASE-115-040 委員 A",
                        "評選紀錄 CASE-115-040 委員 E", "評選紀錄 CASE-115-040 委員 D", "評選紀錄 CASE-115-040 委員 C");
        assertThat(report.signatures().get(0).title()).isEqualTo("外聘評選委員 External reviewer");
        assertThat(signing.signatures.current(review.id(), reviewer(member(review, "C"))))
                .as("the same final file for everyone, every time").isEqualTo(signed);
        assertThat(signing.fixture.events.of(ReviewEvents.RecordSigned.class)).hasSize(5);
        assertThat(signing.fixture.events.of(ReviewEvents.RecordFinal.class)).singleElement()
                .satisfies(event -> assertThat(event.signatures()).isEqualTo(5));
        assertThat(signing.fixture.audit.actions()).contains("review.record.freeze",
                "review.guest-certificate.issue", "review.record.sign", "review.record.seal", "review.record.final");
        // closing afterwards serves the same final file as the sealed record
        reviews.close(review.id(), ALICE);
        assertThat(signing.seals.sealed(review.id(), ALICE, record -> new byte[0])).isEqualTo(signed);
    }

    @Test
    void onlyPresentMembersSignOnceWithTheirOwnPassphraseAndAFreshSecondFactor() {
        Review review = signing.decided("CASE-115-041");
        Review.Member erin = member(review, "A");
        Review.Member wang = member(review, "B");
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(),
                Reviewer.staff("dave", "dave", "step-up")), Reason.NOT_FOUND, "no review " + review.id());
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), GUEST_PASSPHRASE.clone(),
                Reviewer.guest("G-OTHER", "someone", "email-code")), Reason.NOT_FOUND, "no review " + review.id());
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), GUEST_PASSPHRASE.clone(),
                Reviewer.guest(wang.guestId(), wang.displayName(), null)), Reason.FORBIDDEN,
                "code: a fresh sign-in code (e-mailed or from your app) is needed to sign");
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), "short".toCharArray(), reviewer(wang)),
                Reason.INVALID, "passphrase: at least 10 characters for your new signing key");
        signing.steppedUp.set(false);
        assertThatThrownBy(() -> signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(), reviewer(erin)))
                .isInstanceOf(StepUpRequiredException.class);
        signing.steppedUp.set(true);
        assertThatThrownBy(() -> signing.signatures.sign(review.id(), "wrong passphrase".toCharArray(), reviewer(erin)))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN);
                    assertThat(e.problems().get(0)).startsWith("wrong passphrase; 2 more wrong attempt(s)");
                });
        assertThat(signatureRows()).isZero();

        signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(), reviewer(erin));
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(), reviewer(erin)),
                Reason.CONFLICT, "you signed the record already");
        assertThat(signatureRows()).isOne();
        assertThat(signing.fixture.audit.events()).filteredOn(e -> e.action().equals(ReviewRecordSignatures.ACTION)
                && e.outcome() == org.agencyworkspace.platform.audit.AuditEvent.Outcome.FAILURE).hasSize(7);
    }

    @Test
    void aLockedOutKeyStaysLockedEvenWithTheRightPassphrase() {
        Review review = signing.decided("CASE-115-042");
        Review.Member carol = member(review, "D");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signing.signatures.sign(review.id(), "not it at all".toCharArray(), reviewer(carol)))
                    .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        }
        assertThatThrownBy(() -> signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(), reviewer(carol)))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.problems().get(0))
                        .startsWith("too many wrong passphrases"));
        assertThat(signatureRows()).isZero();
    }

    @Test
    void nothingIsSignedBeforeTheDecisionOrAfterTheRecordIsFinalOrByARecusedMember() {
        Review open = reviews.open(reviews.create(signing.fixture.newReview("CASE-115-043", ScoringMethod.TOTAL_SCORE,
                null, ReviewsFixture.fiveMembers()), ALICE).id(), ALICE);
        Review.Member carol = member(open, "D");
        reviews.replaceMember(open.id(), "D", new Reviews.NewMember(null, "sub@expert.test", "林委員", null),
                "利益迴避", ALICE);
        ReviewsTest.refused(() -> signing.signatures.sign(open.id(), STAFF_PASSPHRASE.clone(), reviewer(carol)),
                Reason.NOT_FOUND, "no review " + open.id());
        Review.Member erin = member(open, "A");
        ReviewsTest.refused(() -> signing.signatures.sign(open.id(), STAFF_PASSPHRASE.clone(), reviewer(erin)),
                Reason.CONFLICT, "the record is signed once the decision is recorded and before the review closes;"
                        + " the review is OPEN");

        Review review = signing.decided("CASE-115-044");
        signing.allSign(review, List.of("A", "B", "C", "D", "E"));
        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(),
                reviewer(member(review, "A"))), Reason.CONFLICT, "the record is final: every present member has signed it");
        assertThat(signing.fixture.events.of(ReviewEvents.RecordFinal.class)).hasSize(1);
    }

    @Test
    void aTamperedStoredRecordIsRefusedAndRaisesAnIncident() {
        Review review = signing.decided("CASE-115-045");
        Review.Member erin = member(review, "A");
        signing.signatures.sign(review.id(), STAFF_PASSPHRASE.clone(), reviewer(erin));
        var jdbc = signing.fixture.database.jdbc();
        byte[] stored = jdbc.sql("SELECT record_pdf FROM review WHERE id = :id").param("id", review.id())
                .query(byte[].class).single();
        stored[stored.length / 3] ^= 0x04;
        jdbc.sql("UPDATE review SET record_pdf = :pdf WHERE id = :id").param("pdf", stored).param("id", review.id())
                .update();

        ReviewsTest.refused(() -> signing.signatures.sign(review.id(), GUEST_PASSPHRASE.clone(),
                reviewer(member(review, "B"))), Reason.CONFLICT,
                "the stored record was changed outside the workspace: nothing can be signed;"
                        + " the security officer is alerted");
        assertThatThrownBy(() -> signing.signatures.current(review.id(), ALICE)).isInstanceOf(ReviewException.class);
        assertThat(signatureRows()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM security_incident WHERE rule_id = 'review-record-tampered'")
                .query(Integer.class).single()).isOne();
        assertThat(signing.fixture.audit.actions()).contains("review.record.tampered");
        reviews.close(review.id(), ALICE);
        ReviewsTest.refused(() -> signing.seals.sealed(review.id(), ALICE, record -> new byte[0]), Reason.CONFLICT,
                "the stored record was changed outside the workspace: it is not sealed");
    }

    @Test
    void twoMembersSigningAtTheSameMomentBothKeepTheirSignatures() throws Exception {
        Review review = signing.decided("CASE-115-046");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String code : List.of("A", "B")) {
                Review.Member m = member(review, code);
                Callable<Object> sign = () -> {
                    start.await();
                    return signing.signatures.sign(review.id(), RecordSigningFixture.passphraseOf(m), reviewer(m));
                };
                done.add(pool.submit(sign));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ValidationReport report = signing.validator.validate(signing.signatures.current(review.id(), ALICE));
        assertThat(report.allValid()).as(report.inPlainWords(TAIPEI)).isTrue();
        assertThat(report.signatures()).extracting(SignatureFinding::signer)
                .containsExactlyInAnyOrder("erin", "王教授");
        assertThat(signatureRows()).isEqualTo(2);
    }

    @Test
    void theOfficerSeesWhoHasSignedAndNobodyElseDoes() {
        Review review = signing.decided("CASE-115-047");
        signing.signatures.sign(review.id(), GUEST_PASSPHRASE.clone(), reviewer(member(review, "C")));
        ReviewRecordSignatures.SignatureStatus status = signing.signatures.status(review.id(), ALICE);
        assertThat(status.members()).hasSize(5);
        assertThat(status.members()).filteredOn(m -> m.signedAt() != null).singleElement()
                .satisfies(m -> {
                    assertThat(m.code()).isEqualTo("C");
                    assertThat(m.name()).isEqualTo("Dr. Lee");
                    assertThat(m.external()).isTrue();
                });
        assertThatThrownBy(() -> signing.signatures.status(review.id(), ReviewsFixture.ERIN))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        assertThatThrownBy(() -> signing.signatures.current(review.id(), Reviewer.guest("G-OTHER", "x", null)))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(signing.signatures.signedAt(review.id(), reviewer(member(review, "C")))).isPresent();
        assertThat(signing.signatures.signedAt(review.id(), reviewer(member(review, "A")))).isEmpty();
    }
}

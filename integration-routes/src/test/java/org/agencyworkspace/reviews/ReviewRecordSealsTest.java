package org.agencyworkspace.reviews;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.agencyworkspace.reviews.ReviewsFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.documents.TextPdf;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureFinding;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.connector.signing.ValidationReport;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.testsupport.WireMockPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closing record sealed with the agency's key, against a real agency CA (its CRL served over
 * HTTP as the workspace serves it) and EU DSS: the sealed PDF validates, names the agency's seal
 * and the case, and is the same file on every download; nothing is sealed before the review is
 * closed after a decision, or without the agency CA.
 */
class ReviewRecordSealsTest {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final char[] PASSPHRASE = "ca passphrase 機關".toCharArray();

    final ReviewsFixture fixture;
    final Reviews reviews;
    final Clock clock = Clock.systemUTC();
    final WireMockServer crlServer;
    final AtomicLong crlNumber = new AtomicLong(1);
    final AgencyCa ca;
    final ReviewRecordSeals.Sealer sealer;
    final Function<Reviews.RecordView, byte[]> render = record -> ReviewRecords.pdf(record.review(), record.result(),
            TextPdf.withInstalledFont(), TAIPEI);

    ReviewRecordSealsTest(@TempDir Path folder) throws Exception {
        fixture = new ReviewsFixture(folder);
        reviews = fixture.reviews;
        // the CRL is issued afresh on each fetch, so it answers in code rather than from a stub
        crlServer = WireMockPeers.answering(this::crl);
        ca = AgencyCa.create("測試機關 Test Agency", Instant.now().plus(Duration.ofDays(3650)),
                WireMockPeers.baseUri(crlServer).resolve("/signing/crl/agency.crl"), clock);
        CertificateChecks checks = new CertificateChecks(List.of(ca.certificate()), clock);
        sealer = new ReviewRecordSeals.Sealer(ca, new KeyCustody(new DirectoryCustodyStore(folder.resolve("seals")),
                new LockoutPolicy(5, Duration.ofMinutes(15)), checks, clock),
                new PdfSigner(checks, Optional.empty(), TAIPEI, CjkFont.firstInstalled()), PASSPHRASE, "測試機關 Test Agency");
        ReviewRecordSeals.ensureSeal(sealer, clock, fixture.audit);
    }

    private ResponseDefinitionBuilder crl(Request request) {
        return !request.getUrl().equals("/signing/crl/agency.crl") ? aResponse().withStatus(404)
                : aResponse().withStatus(200).withBody(ca.crl(List.of(),
                        BigInteger.valueOf(crlNumber.getAndIncrement()), Instant.now().plus(Duration.ofDays(1))));
    }

    @AfterEach
    void stop() {
        crlServer.stop();
    }

    ReviewRecordSeals seals(Optional<ReviewRecordSeals.Sealer> with) {
        return new ReviewRecordSeals(reviews, with, fixture.database.jdbc(), fixture.audit, fixture.events, fixture.clock);
    }

    Review decided(String caseNumber) {
        Review review = reviews.open(reviews.create(fixture.newReview(caseNumber, ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ALICE).id(), ALICE);
        fixture.clock.set(ReviewsFixture.MEETING.minus(Duration.ofMinutes(30)));
        List<Review.Member> members = review.members();
        for (int i = 0; i < members.size(); i++) {
            Review.Member m = members.get(i);
            Reviewer reviewer = m.external() ? Reviewer.guest(m.guestId(), m.displayName(), "email-code")
                    : Reviewer.staff(m.login(), m.displayName(), "step-up");
            reviews.declare(review.id(), ReviewsTest.noConflicts(), reviewer);
            reviews.checkIn(review.id(), "ON_SITE", reviewer);
            reviews.saveSheet(review.id(), ReviewsTest.sheet(ReviewsTest.SHEETS[i]), true, reviewer);
        }
        reviews.openScores(review.id(), ALICE);
        return reviews.decide(review.id(), 1, "甲公司為最有利標。", ALICE);
    }

    @Test
    void theClosingRecordIsSealedWithTheAgencysKeyAndValidates() {
        Review review = decided("CASE-115-030");
        reviews.close(review.id(), ALICE);
        ReviewRecordSeals seals = seals(Optional.of(sealer));

        byte[] sealed = seals.sealed(review.id(), ALICE, render);

        ValidationReport report = new SignatureValidator(new CertificateChecks(List.of(ca.certificate()), clock))
                .validate(sealed);
        assertThat(report.allValid()).as(report.inPlainWords(TAIPEI)).isTrue();
        SignatureFinding seal = report.signatures().get(0);
        assertThat(seal.signer()).isEqualTo("測試機關 Test Agency 評選紀錄");
        assertThat(seal.step()).isEqualTo("評選紀錄 CASE-115-030");
        assertThat(seals.sealed(review.id(), ALICE, render)).as("the same file on every download").isEqualTo(sealed);
        assertThat(fixture.events.of(ReviewEvents.RecordSealed.class)).singleElement()
                .satisfies(event -> assertThat(event.recordSha256()).isEqualTo(review.recordSha256()));
        assertThat(fixture.audit.actions()).contains("review.seal.issue", "review.record.seal");
    }

    @Test
    void nothingIsSealedBeforeCloseOrWithoutTheAgencyCaOrForSomeoneNotAnOfficer() {
        Review review = decided("CASE-115-031");

        ReviewsTest.refused(() -> seals(Optional.of(sealer)).sealed(review.id(), ALICE, render), Reason.CONFLICT,
                "the record is sealed once the review is closed after a recorded decision");
        reviews.close(review.id(), ALICE);
        ReviewsTest.refused(() -> seals(Optional.empty()).sealed(review.id(), ALICE, render), Reason.CONFLICT,
                "the agency CA is not set up (workspace.signing.ca-passphrase): records cannot be sealed");
        assertThatThrownBy(() -> seals(Optional.of(sealer)).sealed(review.id(), ReviewsFixture.ERIN, render))
                .isInstanceOfSatisfying(ReviewException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN));
        assertThat(fixture.database.jdbc().sql("SELECT COUNT(*) FROM review WHERE sealed_record IS NOT NULL")
                .query(Integer.class).single()).isZero();
        assertThat(fixture.events.of(ReviewEvents.RecordSealed.class)).isEmpty();
    }
}

package org.agencyworkspace.reviews;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.agencyworkspace.reviews.ReviewsFixture.ALICE;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.agencyworkspace.connector.documents.CjkFont;
import org.agencyworkspace.connector.documents.TextPdf;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.CertificateChecks;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.DirectoryCustodyStore;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.LockoutPolicy;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureValidator;
import org.agencyworkspace.security.incidents.IncidentStore;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.agencyworkspace.testsupport.WireMockPeers;

/**
 * The review services with members' record signing over a real agency CA (its CRL served over
 * HTTP, issued afresh on each fetch), real key custody and EU DSS: erin and carol hold staff
 * certificates in custody; a staff member's step-up is {@link #steppedUp}.
 */
final class RecordSigningFixture implements AutoCloseable {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final char[] CA_PASSPHRASE = "ca passphrase 機關".toCharArray();
    static final char[] STAFF_PASSPHRASE = "staff passphrase 1".toCharArray();
    static final char[] GUEST_PASSPHRASE = "guest passphrase 2".toCharArray();

    final ReviewsFixture fixture;
    final Reviews reviews;
    final Clock clock = Clock.systemUTC();
    final WireMockServer crlServer;
    final AtomicLong crlNumber = new AtomicLong(1);
    final AgencyCa ca;
    final CertificateChecks checks;
    final SignatureValidator validator;
    final ReviewRecordSeals seals;
    final ReviewRecordSignatures signatures;
    final IncidentStore incidents;
    final AtomicBoolean steppedUp = new AtomicBoolean(true);
    final PdfSigner signer;

    RecordSigningFixture(Path folder) {
        fixture = new ReviewsFixture(folder);
        reviews = fixture.reviews;
        crlServer = WireMockPeers.answering(this::crl);
        ca = AgencyCa.create("測試機關 Test Agency", Instant.now().plus(Duration.ofDays(3650)),
                WireMockPeers.baseUri(crlServer).resolve("/signing/crl/agency.crl"), clock);
        checks = new CertificateChecks(List.of(ca.certificate()), clock);
        validator = new SignatureValidator(checks);
        signer = new PdfSigner(checks, Optional.empty(), TAIPEI, CjkFont.firstInstalled());
        ReviewRecordSeals.Sealer sealer = new ReviewRecordSeals.Sealer(ca,
                new KeyCustody(new DirectoryCustodyStore(folder.resolve("seals")),
                        new LockoutPolicy(5, Duration.ofMinutes(15)), checks, clock),
                signer, CA_PASSPHRASE, "測試機關 Test Agency");
        ReviewRecordSeals.ensureSeal(sealer, clock, fixture.audit);
        seals = new ReviewRecordSeals(reviews, Optional.of(sealer), fixture.database.jdbc(), fixture.audit,
                fixture.events, fixture.clock);
        LockoutPolicy lockout = new LockoutPolicy(3, Duration.ofMinutes(15));
        KeyCustody staff = new KeyCustody(new DirectoryCustodyStore(folder.resolve("custody")), lockout, checks, clock);
        for (String login : List.of("erin", "carol")) {
            staff.deposit(login, ca.issue(new CertificateHolder(login, "科員", "", login), STAFF_PASSPHRASE,
                    Instant.now().plus(Duration.ofDays(365))));
        }
        KeyCustody guests = new KeyCustody(new DirectoryCustodyStore(folder.resolve("review-guests")), lockout,
                checks, clock);
        incidents = new IncidentStore(fixture.database.jdbc(), fixture.clock);
        TextPdf writer = TextPdf.withInstalledFont();
        signatures = new ReviewRecordSignatures(reviews, seals,
                Optional.of(new ReviewRecordSignatures.Signing(ca, staff, guests, signer, validator)),
                record -> ReviewRecords.signable(record.review(), record.result(), writer, TAIPEI),
                fixture.database.jdbc(), incidents, () -> {
                    if (!steppedUp.get()) {
                        throw new StepUpRequiredException(null);
                    }
                }, fixture.audit, fixture.events, fixture.clock);
    }

    private ResponseDefinitionBuilder crl(Request request) {
        return !request.getUrl().equals("/signing/crl/agency.crl") ? aResponse().withStatus(404)
                : aResponse().withStatus(200).withBody(ca.crl(List.of(),
                        BigInteger.valueOf(crlNumber.getAndIncrement()), Instant.now().plus(Duration.ofDays(1))));
    }

    /** A review of five members (three external), all present, scored and decided. */
    Review decided(String caseNumber) {
        Review review = reviews.open(reviews.create(fixture.newReview(caseNumber, ScoringMethod.TOTAL_SCORE, null,
                ReviewsFixture.fiveMembers()), ALICE).id(), ALICE);
        fixture.clock.set(ReviewsFixture.MEETING.minus(Duration.ofMinutes(30)));
        List<Review.Member> members = review.members();
        for (int i = 0; i < members.size(); i++) {
            Reviewer reviewer = reviewer(members.get(i));
            reviews.declare(review.id(), ReviewsTest.noConflicts(), reviewer);
            reviews.checkIn(review.id(), "ON_SITE", reviewer);
            reviews.saveSheet(review.id(), ReviewsTest.sheet(ReviewsTest.SHEETS[i]), true, reviewer);
        }
        reviews.openScores(review.id(), ALICE);
        return reviews.decide(review.id(), 1, "甲公司為最有利標。", ALICE);
    }

    /** The member acting with a fresh second factor (a guest's checked code, a staff step-up). */
    static Reviewer reviewer(Review.Member m) {
        return m.external() ? Reviewer.guest(m.guestId(), m.displayName(), "email-code")
                : Reviewer.staff(m.login(), m.displayName(), "step-up");
    }

    static char[] passphraseOf(Review.Member m) {
        return (m.external() ? GUEST_PASSPHRASE : STAFF_PASSPHRASE).clone();
    }

    /** Every member signs, in the order given by code; returns the final file. */
    byte[] allSign(Review review, List<String> codes) {
        List<Review.Member> order = new ArrayList<>();
        codes.forEach(code -> order.add(review.members().stream().filter(m -> m.code().equals(code))
                .findFirst().orElseThrow()));
        for (Review.Member m : order) {
            signatures.sign(review.id(), passphraseOf(m), reviewer(m));
        }
        return signatures.current(review.id(), ALICE);
    }

    @Override
    public void close() {
        crlServer.stop();
    }
}

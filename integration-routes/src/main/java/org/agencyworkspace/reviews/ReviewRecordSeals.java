package org.agencyworkspace.reviews;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.agencyworkspace.connector.signing.AgencyCa;
import org.agencyworkspace.connector.signing.CertificateHolder;
import org.agencyworkspace.connector.signing.KeyCustody;
import org.agencyworkspace.connector.signing.PadesLevel;
import org.agencyworkspace.connector.signing.PdfSigner;
import org.agencyworkspace.connector.signing.SignatureBlock;
import org.agencyworkspace.connector.signing.SigningRefusedException;
import org.agencyworkspace.connector.signing.UnlockedKey;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The closing record of a review (評選紀錄), sealed by the agency: once a decided review is
 * closed, its record PDF is signed as PAdES (B-B) with the agency's review-records seal, a
 * certificate the agency CA issues for it on first use and keeps in key custody under the CA's
 * passphrase, then stored so every later download is the same signed file. Without the agency CA
 * nothing is sealed and the request is refused: an unsigned record is never handed out as sealed.
 */
public class ReviewRecordSeals {

    /** The custody entry of the seal's key. */
    static final String HOLDER = "seal:review-records";
    private static final Duration SEAL_VALIDITY = Duration.ofDays(730);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /**
     * What seals, when the agency CA runs.
     *
     * @param ca the agency CA, which issues the seal's certificate
     * @param custody where the seal's key is kept
     * @param signer the PAdES signer
     * @param passphrase protects the seal's key in custody
     * @param agency the agency's name, on the seal
     */
    public record Sealer(AgencyCa ca, KeyCustody custody, PdfSigner signer, char[] passphrase, String agency) {
    }

    private final Reviews reviews;
    private final Optional<Sealer> sealer;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public ReviewRecordSeals(Reviews reviews, Optional<Sealer> sealer, JdbcClient jdbc, AuditTrail audit,
            EventPublisher events, Clock clock) {
        this.reviews = reviews;
        this.sealer = sealer;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The sealed record of a closed, decided review; sealed on the first request.
     *
     * @param render the record's PDF as the officer downloads it
     * @throws ReviewException CONFLICT when the review is not closed after a decision, or no agency
     *     CA runs; FORBIDDEN/NOT_FOUND as for any officer's read
     */
    public synchronized byte[] sealed(String id, WorkspaceUser officer, Function<Reviews.RecordView, byte[]> render) {
        Reviews.RecordView record = reviews.record(id, officer, "sealed-pdf");
        Review review = record.review();
        if (review.status() != Review.Status.CLOSED || review.recordSha256() == null) {
            throw reviews.refuse(Reason.CONFLICT, "review.record.seal", officer.login(), id, review.level(),
                    List.of("the record is sealed once the review is closed after a recorded decision"));
        }
        Optional<byte[]> stored = jdbc.sql("SELECT sealed_record FROM review WHERE id = :id AND sealed_record IS NOT NULL")
                .param("id", id).query(byte[].class).optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        Optional<byte[]> signedByMembers = jdbc.sql("SELECT record_pdf FROM review WHERE id = :id"
                + " AND record_pdf IS NOT NULL").param("id", id).query(byte[].class).optional();
        String accepted = jdbc.sql("SELECT record_pdf_sha256 FROM review WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (signedByMembers.isPresent() && !ReviewRecordSignatures.sha256(signedByMembers.get()).equals(accepted)) {
            throw reviews.refuse(Reason.CONFLICT, "review.record.seal", officer.login(), id, review.level(),
                    List.of("the stored record was changed outside the workspace: it is not sealed"));
        }
        // members' signatures, if any were made, stay in the sealed file
        byte[] signed = seal(signedByMembers.orElseGet(() -> render.apply(record)), review, officer.login());
        jdbc.sql("UPDATE review SET sealed_record = :pdf, sealed_at = :now WHERE id = :id AND sealed_record IS NULL")
                .param("pdf", signed).param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", id).update();
        return signed;
    }

    /**
     * Adds the agency's seal to {@code pdf} as the last signature, audited and published.
     *
     * @throws ReviewException CONFLICT when no agency CA runs or the seal cannot be made
     */
    byte[] seal(byte[] pdf, Review review, String actor) {
        String id = review.id();
        Sealer seal = sealer.orElseThrow(() -> reviews.refuse(Reason.CONFLICT, "review.record.seal", actor,
                id, review.level(), List.of("the agency CA is not set up (workspace.signing.ca-passphrase):"
                        + " records cannot be sealed")));
        byte[] signed;
        X509Certificate certificate;
        try (UnlockedKey key = seal.custody().unlock(HOLDER, seal.passphrase())) {
            certificate = key.certificate();
            signed = seal.signer().sign(pdf, key,
                    new SignatureBlock(seal.agency(), "機關印信 Agency seal", "評選紀錄 " + review.caseNumber()),
                    PadesLevel.B_B);
        } catch (SigningRefusedException e) {
            throw reviews.refuse(Reason.CONFLICT, "review.record.seal", actor, id, review.level(),
                    List.of("the record could not be sealed: " + e.getMessage()));
        }
        String sha256 = ReviewRecordSignatures.sha256(signed);
        String serial = certificate.getSerialNumber().toString(16);
        audit.record(AuditEvent.of("review.record.seal", "process").actor(actor, actor)
                .target("review", id, review.level())
                .details(Map.of("certificate", serial, "sha256", sha256, "record", review.recordSha256())).build());
        events.publish(new ReviewEvents.RecordSealed(id, serial, sha256, review.recordSha256()), actor);
        return signed;
    }

    /**
     * Makes sure the seal's certificate is held and not about to expire: issues one (or a new one)
     * from the agency CA into custody. Called at start and before it would lapse.
     */
    public static void ensureSeal(Sealer seal, Clock clock, AuditTrail audit) {
        Instant now = clock.instant();
        Optional<X509Certificate> held = seal.custody().certificate(HOLDER);
        if (held.isPresent() && held.get().getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
            return;
        }
        var issued = seal.ca().issue(new CertificateHolder(seal.agency() + " 評選紀錄",
                "機關印信 Agency seal", "評選委員會 Review panels", "SEAL-REVIEWS"), seal.passphrase(),
                now.plus(SEAL_VALIDITY));
        seal.custody().deposit(HOLDER, issued);
        audit.record(AuditEvent.of("review.seal.issue", "configuration").actor(AuditEvent.Actor.SYSTEM)
                .target("certificate", issued.serial().toString(16)).success().build());
    }
}

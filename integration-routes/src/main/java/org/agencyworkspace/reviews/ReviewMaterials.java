package org.agencyworkspace.reviews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.files.classification.ClassificationScheme;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.Marking;
import org.agencyworkspace.files.delivery.CopyMarker;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.FileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.reviews.Review.Member;
import org.agencyworkspace.reviews.Review.Status;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The proposals a member reads: always a PDF marked with the reader's name by the watermark
 * engine, registered in the copy register, never the original. Only to a member who declared and
 * has no conflict for that candidate, only while the review is open (not after it closes), and
 * as a download only when the officer allowed downloads. Fail closed: no engine, no copy.
 */
public class ReviewMaterials {

    private final Reviews reviews;
    private final FileStore store;
    private final ObjectProvider<CopyMarker> watermarker;
    private final CopyRegister register;
    private final ClassificationScheme scheme;
    private final AuditTrail audit;
    private final Clock clock;

    public ReviewMaterials(Reviews reviews, FileStore store, ObjectProvider<CopyMarker> watermarker,
            CopyRegister register, ClassificationScheme scheme, AuditTrail audit, Clock clock) {
        this.reviews = reviews;
        this.store = store;
        this.watermarker = watermarker;
        this.register = register;
        this.scheme = scheme;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A marked copy of the candidate's proposal for the member; the caller sends and closes it.
     *
     * @param download whether it is to be saved (needs the officer's leave) rather than viewed
     */
    public Delivery read(String id, int candidate, boolean download, Reviewer reviewer) {
        String action = download ? "review.material.download" : "review.material.read";
        Review review = reviews.memberReview(id, reviewer, action);
        Member member = reviews.member(review, reviewer).orElseThrow();
        String refusal = review.status() == Status.CLOSED ? "the review is closed"
                : member.declaredAt() == null ? "declare conflicts of interest first"
                : reviews.conflictsOf(id, member.id()).contains(candidate)
                        ? "you declared a conflict of interest for this candidate"
                : !review.materials().containsKey(candidate) ? "no proposal for candidate " + candidate
                : download && !review.allowDownload() ? "the officer does not allow downloads: read it on screen"
                : null;
        if (refusal != null) {
            throw reviews.refuse(refusal.startsWith("no proposal") ? Reason.NOT_FOUND : Reason.FORBIDDEN,
                    action, reviewer.actor(), id, review.level(), List.of(refusal));
        }
        FilePath path = FilePath.of(review.materials().get(candidate));
        StoredFile file = store.find(path).filter(found -> !found.folder()).orElseThrow(() -> reviews.refuse(
                Reason.NOT_FOUND, action, reviewer.actor(), id, review.level(), List.of("the proposal is not in Files any more")));
        String deliveryId = UUID.randomUUID().toString();
        int copy = register.register(deliveryId, file.fileId(), path.toString(), review.level(),
                download ? "DOWNLOAD" : "PREVIEW", reviewer.actor(), file.etag());
        Path original = null;
        Path pdf = null;
        try {
            original = Files.createTempFile("review-original", ".bin");
            try (InputStream content = store.open(path)) {
                Files.copy(content, original, StandardCopyOption.REPLACE_EXISTING);
            }
            pdf = Files.createTempFile("review-material", ".pdf");
            CopyMarker engine = watermarker.getIfAvailable(() -> {
                throw new IllegalStateException("no watermark engine is configured");
            });
            engine.watermark(original, path.name(), new Marking(scheme.level(review.level()).marking(),
                    reviewer.displayName(), reviewer.actor(), clock.instant(), file.fileId(), deliveryId, copy), pdf);
        } catch (IOException | RuntimeException e) {
            register.cancel(deliveryId);
            delete(pdf);
            throw reviews.refuse(Reason.CONFLICT, action, reviewer.actor(), id, review.level(),
                    List.of("the proposal could not be marked, so it is not shown: " + e.getMessage()));
        } finally {
            delete(original);
        }
        audit.record(AuditEvent.of(action, "file").actor(reviewer.actor(), reviewer.displayName())
                .target("file", path.toString(), review.level())
                .details(Map.of("review", id, "candidate", Integer.toString(candidate), "delivery", deliveryId,
                        "copy", Integer.toString(copy)))
                .build());
        String name = path.name().replaceAll("\\.[^.]*$", "") + ".pdf";
        return new Delivery(pdf, "application/pdf", name, true, deliveryId, copy);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary copy " + file, e);
            }
        }
    }
}

package org.agencyworkspace.reviews;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.files.delivery.Delivery;
import org.agencyworkspace.files.delivery.WatermarkProperties;
import org.agencyworkspace.web.Attachments;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A member's actions over HTTP, the same as the member page: guests under
 * {@code /api/guest/reviews} (their own security chain), staff members under
 * {@code /api/member-reviews}. Declaring and confirming the record need a fresh second factor:
 * a guest sends a current code (e-mailed, {@code POST /api/guest/code}, or from their app); a
 * member of staff steps up first ({@code /step-up}).
 */
@RestController
@RequestMapping({ReviewMemberApi.GUEST, ReviewMemberApi.STAFF})
@Tag(name = "Reviews (members)")
class ReviewMemberApi {

    static final String GUEST = "/api/guest/reviews";
    static final String STAFF = "/api/member-reviews";

    /** Conflicts per candidate (true = conflict), and a fresh code for a guest. */
    record Declaration(Map<Integer, Boolean> conflicts, String code) {
    }

    record CheckIn(String mode) {
    }

    record Confirmation(String sha256, String code) {
    }

    /** The passphrase of the member's signing key (a guest's first signature sets it) and a guest's fresh code. */
    record SignatureRequest(String passphrase, String code) {
    }

    private final Reviews reviews;
    private final ReviewMaterials materials;
    private final CurrentReviewer reviewers;
    private final WorkspaceProperties workspace;
    private final WatermarkProperties watermark;
    private final ReviewRecordSignatures signatures;

    ReviewMemberApi(Reviews reviews, ReviewMaterials materials, CurrentReviewer reviewers,
            WorkspaceProperties workspace, WatermarkProperties watermark, ReviewRecordSignatures signatures) {
        this.signatures = signatures;
        this.watermark = watermark;
        this.reviews = reviews;
        this.materials = materials;
        this.reviewers = reviewers;
        this.workspace = workspace;
    }

    @GetMapping
    @Operation(summary = "The reviews the person is a member of (guests: those still open to them)")
    List<Reviews.MemberView> list() {
        return reviews.reviewsOf(reviewers.get());
    }

    @GetMapping("/{id}")
    @Operation(summary = "The review as a member sees it: no other member's name, nobody's scores")
    Reviews.MemberView get(@PathVariable String id) {
        return reviews.memberView(id, reviewers.get());
    }

    @PostMapping("/{id}/declaration")
    @Operation(summary = "Declare conflicts of interest (利益迴避) for every candidate, with a fresh second factor")
    Reviews.MemberView declare(@PathVariable String id, @RequestBody Declaration declaration,
            HttpServletRequest request) {
        return reviews.declare(id, declaration.conflicts(), reviewers.withFactor(request, declaration.code()));
    }

    @PostMapping("/{id}/check-in")
    @Operation(summary = "Check in (簽到): ON_SITE or REMOTE")
    Reviews.MemberView checkIn(@PathVariable String id, @RequestBody CheckIn checkIn) {
        return reviews.checkIn(id, checkIn.mode(), reviewers.get());
    }

    @PutMapping("/{id}/sheet")
    @Operation(summary = "Save the sheet (scores or ranks); revisable until submitted")
    Reviews.MemberView save(@PathVariable String id, @RequestBody Reviews.SheetInput sheet) {
        return reviews.saveSheet(id, sheet, false, reviewers.get());
    }

    @PostMapping("/{id}/sheet/submit")
    @Operation(summary = "Submit the sheet: complete, final")
    Reviews.MemberView submit(@PathVariable String id, @RequestBody Reviews.SheetInput sheet) {
        return reviews.saveSheet(id, sheet, true, reviewers.get());
    }

    @GetMapping("/{id}/result")
    @Operation(summary = "The result with each member's sheet by code, once the officer opened the sheets")
    Reviews.ResultView result(@PathVariable String id) {
        return reviews.result(id, reviewers.get());
    }

    @GetMapping("/{id}/candidates/{candidate}/proposal")
    @Operation(summary = "The candidate's proposal as a PDF marked with the reader's name; download only"
            + " when the officer allows it")
    ResponseEntity<byte[]> proposal(@PathVariable String id, @PathVariable int candidate,
            @RequestParam(defaultValue = "false") boolean download) throws IOException {
        try (Delivery copy = materials.read(id, candidate, download, reviewers.get())) {
            ContentDisposition disposition = (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                    .filename(copy.fileName(), java.nio.charset.StandardCharsets.UTF_8).build();
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(Files.readAllBytes(copy.content()));
        }
    }

    @GetMapping("/{id}/record.pdf")
    @Operation(summary = "The record (評選紀錄) to confirm, once the decision is recorded")
    ResponseEntity<byte[]> record(@PathVariable String id) {
        Reviews.RecordView record = reviews.record(id, reviewers.get(), "pdf");
        return Attachments.download(ReviewRecords.pdf(record.review(), record.result(), ReviewsApi.writer(watermark),
                workspace.timeZone()), MediaType.APPLICATION_PDF, "review-record-" + id + ".pdf");
    }

    @PostMapping("/{id}/record/confirmation")
    @Operation(summary = "Confirm the record's SHA-256 with a fresh second factor (the members' signature)")
    Reviews.MemberView confirm(@PathVariable String id, @RequestBody Confirmation confirmation,
            HttpServletRequest request) {
        return reviews.confirmRecord(id, confirmation.sha256(), reviewers.withFactor(request, confirmation.code()));
    }

    @GetMapping("/{id}/record.signed.pdf")
    @Operation(summary = "The record (評選紀錄) to sign, with the members' signatures so far; once final, the"
            + " sealed file")
    ResponseEntity<byte[]> signedRecord(@PathVariable String id) {
        return Attachments.download(signatures.current(id, reviewers.get()), MediaType.APPLICATION_PDF,
                "review-record-" + id + "-signed.pdf");
    }

    @PostMapping("/{id}/record/signature")
    @Operation(summary = "Sign the record with your own PAdES signature: your key's passphrase and a fresh second"
            + " factor (a guest's code; staff step up first). A guest's first signature has the agency CA issue"
            + " their review certificate under the passphrase given")
    ReviewRecordSignatures.SignatureStatus sign(@PathVariable String id, @RequestBody SignatureRequest request,
            HttpServletRequest http) {
        char[] passphrase = request.passphrase() == null ? new char[0] : request.passphrase().toCharArray();
        ReviewRecordSignatures.SignatureStatus status = signatures.sign(id, passphrase,
                reviewers.withFactor(http, request.code()));
        // a member sees who has signed by code only
        return new ReviewRecordSignatures.SignatureStatus(status.reviewId(), status.sha256(), status.members().stream()
                .map(m -> new ReviewRecordSignatures.MemberSignature(m.code(), null, m.external(), m.signedAt(),
                        m.seq(), null)).toList(), status.finalAt());
    }
}

package org.agencyworkspace.reviews;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.documents.TextPdf;
import org.agencyworkspace.files.delivery.WatermarkProperties;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.web.Attachments;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reviews over HTTP for their officers, the same actions as the officer's page. The decision's
 * approval is taken in the approvals registry ({@code /api/approvals/{id}/decision}) or chat,
 * with the review's {@code approvalId}.
 */
@RestController
@Tag(name = "Reviews (officers)")
class ReviewsApi {

    record Decision(Integer winner, String wording) {
    }

    /**
     * A replacement.
     *
     * @param substitute who sits instead: a staff login, or an outside expert's e-mail and name
     * @param reason why the member left (recorded, audited)
     */
    record Replacement(Reviews.NewMember substitute, String reason) {
    }

    private final Reviews reviews;
    private final ReviewRecordSeals seals;
    private final WorkspaceProperties workspace;
    private final WatermarkProperties watermark;
    private final ReviewRecordSignatures signatures;

    ReviewsApi(Reviews reviews, ReviewRecordSeals seals, WorkspaceProperties workspace, WatermarkProperties watermark,
            ReviewRecordSignatures signatures) {
        this.signatures = signatures;
        this.reviews = reviews;
        this.seals = seals;
        this.workspace = workspace;
        this.watermark = watermark;
    }

    @PostMapping("/api/reviews")
    @Operation(summary = "Set up a review (case number, subject, candidates, criteria, method, schedule, level,"
            + " members: staff logins or outside experts' e-mail addresses)")
    ResponseEntity<Review> create(@RequestBody Reviews.NewReview review) {
        Review created = reviews.create(review, user());
        return ResponseEntity.created(URI.create("/api/reviews/" + created.id())).body(created);
    }

    @GetMapping("/api/reviews")
    @Operation(summary = "Reviews, newest first (officers)")
    List<Review> list() {
        return reviews.listForOfficer(user());
    }

    @GetMapping("/api/reviews/{id}")
    @Operation(summary = "One review with its members and their progress, never their scores")
    Review get(@PathVariable String id) {
        return reviews.get(id, user());
    }

    @PostMapping("/api/reviews/{id}/open")
    @Operation(summary = "Open: at least the configured members and share of outside experts; invitations go out")
    Review open(@PathVariable String id) {
        return reviews.open(id, user());
    }

    @PostMapping("/api/reviews/{id}/scores/open")
    @Operation(summary = "Open the sheets (quorum, every present member submitted): the result is computed")
    Reviews.ResultView openScores(@PathVariable String id) {
        return reviews.openScores(id, user());
    }

    @GetMapping("/api/reviews/{id}/result")
    @Operation(summary = "The result with each member's sheet; which code is whom")
    Reviews.ResultView result(@PathVariable String id) {
        return reviews.result(id, user());
    }

    @PostMapping("/api/reviews/{id}/decision")
    @Operation(summary = "Record the committee's decision (candidate or none, wording): goes to the approvals registry")
    Review decide(@PathVariable String id, @RequestBody Decision decision) {
        return reviews.decide(id, decision.winner(), decision.wording(), user());
    }

    @PostMapping("/api/reviews/{id}/members/{code}/replacement")
    @Operation(summary = "Replace a member who recused themselves: they leave the panel (their sheet no longer"
            + " counts) and the substitute is invited as any member is")
    Review replace(@PathVariable String id, @PathVariable String code, @RequestBody Replacement replacement) {
        return reviews.replaceMember(id, code, replacement.substitute(), replacement.reason(), user());
    }

    @PostMapping("/api/reviews/{id}/close")
    @Operation(summary = "Close: sheets and proposals shut, guests whose reviews are all closed expire")
    Review close(@PathVariable String id) {
        return reviews.close(id, user());
    }

    @GetMapping("/api/reviews/{id}/record.csv")
    @Operation(summary = "The record (評選紀錄) as CSV: the text whose SHA-256 members confirm")
    ResponseEntity<byte[]> csv(@PathVariable String id) {
        Reviews.RecordView record = reviews.record(id, user(), "csv");
        return Attachments.download(ReviewRecords.csv(record.review(), record.result()).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), "review-record-" + id + ".csv");
    }

    @GetMapping("/api/reviews/{id}/record.xlsx")
    @Operation(summary = "The record as XLSX: the result, and the record's rows")
    ResponseEntity<byte[]> xlsx(@PathVariable String id) {
        Reviews.RecordView record = reviews.record(id, user(), "xlsx");
        return Attachments.download(ReviewRecords.xlsx(record.review(), record.result()),
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "review-record-" + id + ".xlsx");
    }

    @GetMapping("/api/reviews/{id}/record.pdf")
    @Operation(summary = "The record as PDF, with the members' confirmations")
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        Reviews.RecordView record = reviews.record(id, user(), "pdf");
        return Attachments.download(ReviewRecords.pdf(record.review(), record.result(), writer(watermark), workspace.timeZone()),
                MediaType.APPLICATION_PDF, "review-record-" + id + ".pdf");
    }

    @GetMapping("/api/reviews/{id}/record.sealed.pdf")
    @Operation(summary = "The closing record as PDF signed (PAdES) with the agency's review-records seal;"
            + " once the review is closed after a decision; the same file on every download")
    ResponseEntity<byte[]> sealed(@PathVariable String id) {
        byte[] sealed = seals.sealed(id, user(), record -> ReviewRecords.pdf(record.review(), record.result(),
                writer(watermark), workspace.timeZone()));
        return Attachments.download(sealed, MediaType.APPLICATION_PDF, "review-record-" + id + "-sealed.pdf");
    }

    @GetMapping("/api/reviews/{id}/record/signatures")
    @Operation(summary = "Who of the present members has signed the record, and whether it is final")
    ReviewRecordSignatures.SignatureStatus signatures(@PathVariable String id) {
        return signatures.status(id, user());
    }

    @GetMapping("/api/reviews/{id}/record.signed.pdf")
    @Operation(summary = "The record with the members' own signatures so far; once all present members signed,"
            + " the final file with the agency's seal last, the same on every download")
    ResponseEntity<byte[]> signedRecord(@PathVariable String id) {
        return Attachments.download(signatures.current(id, user()), MediaType.APPLICATION_PDF,
                "review-record-" + id + "-signed.pdf");
    }

    /** The record's PDF writer, in the watermark's font when one is configured. */
    static TextPdf writer(WatermarkProperties watermark) {
        return watermark.fontFile() != null ? TextPdf.withFont(watermark.fontFile(), watermark.fontFace())
                : TextPdf.withInstalledFont();
    }


    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

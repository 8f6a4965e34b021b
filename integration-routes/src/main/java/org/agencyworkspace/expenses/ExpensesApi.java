package org.agencyworkspace.expenses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.web.Attachments;
import org.agencyworkspace.security.WorkspaceUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Expense claims over HTTP: the same actions as the page. Approving and rejecting at the
 * supervisor and accounting steps goes through the approvals API ({@code /api/approvals/{id}/decision})
 * or chat, with the claim's {@code approvalId}.
 */
@RestController
@Tag(name = "Expenses")
class ExpensesApi {

    /** A claim with its possible duplicates, as the viewer may see them. */
    record ClaimView(Claim claim, List<DuplicateHit> duplicates) {
    }

    record Reason(String reason) {
    }

    record Payment(LocalDate paidOn) {
    }

    private final ExpenseClaims claims;
    private final ExpenseExports exports;

    ExpensesApi(ExpenseClaims claims, ExpenseExports exports) {
        this.claims = claims;
        this.exports = exports;
    }

    @PostMapping("/api/expenses")
    @Operation(summary = "Start a claim (purpose, budget code, project, first and last day)")
    ResponseEntity<ClaimView> create(@RequestBody ExpenseClaims.NewClaim request) {
        Claim claim = claims.create(request, user());
        return ResponseEntity.created(URI.create("/api/expenses/" + claim.id())).body(view(claim));
    }

    @GetMapping("/api/expenses")
    @Operation(summary = "Claims the person filed or may approve (accounting: all)")
    List<Claim> list() {
        return claims.listFor(user());
    }

    @GetMapping("/api/expenses/{id}")
    @Operation(summary = "One claim with its possible duplicates; 404 for those who may not read it")
    ClaimView get(@PathVariable long id) {
        return view(claims.get(id, user()));
    }

    @PostMapping("/api/expenses/{id}/items")
    @Operation(summary = "Add a typed receipt: an e-invoice (number, seller) or a paper receipt (payee)")
    ClaimView addTyped(@PathVariable long id, @RequestBody ExpenseClaims.TypedItem item) {
        return view(claims.addTyped(id, item, user()));
    }

    @PostMapping(path = "/api/expenses/{id}/receipts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add the receipts of a photo, scan or PDF: every e-invoice its QR codes hold,"
            + " or the typed details of a receipt without readable codes")
    ClaimView addFile(@PathVariable long id, @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) Claim.Kind kind,
            @RequestParam(required = false) LocalDate issuedOn,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String invoiceNumber,
            @RequestParam(required = false) String seller,
            @RequestParam(required = false) String payeeName,
            @RequestParam(required = false) String payeeId,
            @RequestParam(required = false) String description) throws IOException {
        ExpenseClaims.TypedItem typed = kind == null && amount == null ? null
                : new ExpenseClaims.TypedItem(kind, issuedOn, amount, invoiceNumber, seller, null,
                        payeeName, payeeId, description);
        return view(claims.addFile(id, file.getOriginalFilename(), file.getBytes(), typed, user()));
    }

    @DeleteMapping("/api/expenses/{id}/items/{itemId}")
    @Operation(summary = "Remove an item from a draft")
    ClaimView removeItem(@PathVariable long id, @PathVariable long itemId) {
        return view(claims.removeItem(id, itemId, user()));
    }

    @PostMapping("/api/expenses/{id}/submit")
    @Operation(summary = "Submit: 409 with the earlier claims when a receipt is already claimed")
    ClaimView submit(@PathVariable long id) {
        return view(claims.submit(id, user()));
    }

    @PostMapping("/api/expenses/{id}/override")
    @Operation(summary = "Accounting: let a flagged claim go on, with a reason")
    ClaimView override(@PathVariable long id, @RequestBody Reason reason) {
        return view(claims.override(id, reason.reason(), user()));
    }

    @PostMapping("/api/expenses/{id}/reject")
    @Operation(summary = "Accounting: turn a flagged claim down, with a reason")
    ClaimView reject(@PathVariable long id, @RequestBody Reason reason) {
        return view(claims.rejectFlagged(id, reason.reason(), user()));
    }

    @PostMapping("/api/expenses/{id}/paid")
    @Operation(summary = "Accounting: record the payment date; the claim is locked")
    ClaimView paid(@PathVariable long id, @RequestBody Payment payment) {
        return view(claims.markPaid(id, payment.paidOn(), user()));
    }

    @GetMapping("/api/expenses/{id}/items/{itemId}/receipt")
    @Operation(summary = "The receipt file of an item, for who may read the claim; a labelled"
            + " claim's receipt is a redirect to Files, which applies the label's rules")
    ResponseEntity<byte[]> receipt(@PathVariable long id, @PathVariable long itemId) {
        Optional<String> labelled = claims.labelledReceiptPath(id, itemId, user());
        if (labelled.isPresent()) {
            // Files delivers it under the label's rules (readers, step-up, watermark).
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(UriComponentsBuilder
                    .fromPath("/files/content").queryParam("path", labelled.get())
                    .queryParam("kind", "preview").encode().build().toUri()).build();
        }
        byte[] content = claims.receipt(id, itemId, user());
        MediaType type = content.length > 4 && content[0] == '%' ? MediaType.APPLICATION_PDF
                : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("receipt-" + id + "-" + itemId).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    @GetMapping("/api/expenses/totals")
    @Operation(summary = "Accounting: totals per budget code and month")
    List<ExpenseExports.Total> totals(@RequestParam YearMonth from, @RequestParam YearMonth to) {
        return exports.totals(from, to, user());
    }

    @GetMapping("/api/expenses/export.csv")
    @Operation(summary = "Accounting: items of claims past their supervisor, as CSV")
    ResponseEntity<byte[]> csv(@RequestParam YearMonth from, @RequestParam YearMonth to) {
        return Attachments.download(exports.csv(from, to, user()).getBytes(StandardCharsets.UTF_8),
                new MediaType("text", "csv", StandardCharsets.UTF_8), "expenses-" + from + "-" + to + ".csv");
    }

    @GetMapping("/api/expenses/export.xlsx")
    @Operation(summary = "Accounting: the same as XLSX")
    ResponseEntity<byte[]> xlsx(@RequestParam YearMonth from, @RequestParam YearMonth to) {
        return Attachments.download(exports.xlsx(from, to, user()),
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "expenses-" + from + "-" + to + ".xlsx");
    }

    private ClaimView view(Claim claim) {
        return new ClaimView(claim, claims.duplicatesOf(claim.id(), user()));
    }


    private static WorkspaceUser user() {
        return CurrentUser.get().orElseThrow();
    }
}

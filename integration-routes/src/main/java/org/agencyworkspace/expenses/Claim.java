package org.agencyworkspace.expenses;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An expense claim with its items.
 *
 * @param total sum of the items, NT$
 */
public record Claim(long id, String claimant, String purpose, String budgetCode, String project,
        LocalDate startsOn, LocalDate endsOn, String level, Status status, String approvalId,
        String supervisor, String accountant, String overrideBy, String overrideReason,
        String rejectedBy, String rejectedReason, LocalDate paidOn, Instant createdAt,
        Instant submittedAt, List<Item> items, BigDecimal total) {

    /** Where a claim is. */
    public enum Status {
        /** Being written by the claimant. */
        DRAFT,
        /** Submitted with a possible duplicate: waits for accounting's override. */
        FLAGGED,
        /** Waits for the supervisor. */
        SUBMITTED,
        /** Waits for accounting (主計). */
        ACCOUNTING,
        /** Approved, waits for payment. */
        APPROVED,
        /** Turned down (by the supervisor, accounting, or at the override). */
        REJECTED,
        /** Paid: locked. */
        PAID
    }

    /** How a receipt was given. */
    public enum Kind {
        /** An e-invoice, from its codes or typed. */
        EINVOICE,
        /** A paper receipt (收據), typed with the payee. */
        RECEIPT
    }

    /**
     * One receipt line.
     *
     * @param verification what the MoF e-invoice platform answered for an e-invoice ({@code CONFIRMED},
     *     {@code NOT_FOUND}, {@code VOIDED}, {@code MISMATCH}, {@code ERROR}), or null when not asked
     */
    public record Item(long id, Kind kind, LocalDate issuedOn, BigDecimal amount, BigDecimal untaxed,
            String invoiceNumber, String invoicePeriod, String randomCode, String seller,
            String buyer, String payeeName, String payeeId, String description, String filePath,
            String fileSha256, Long photoHash, String verification) {
    }
}

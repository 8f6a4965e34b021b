package org.agencyworkspace.expenses;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/** Expense claims' domain events. Payloads name claims and people, never receipt contents. */
public final class ExpenseEvents {

    private ExpenseEvents() {
    }

    @EventType(name = "expense.created", summary = "A person started an expense claim.")
    public record Created(
            @EventField("claim id") long claimId,
            @EventField("login of the claimant") String claimant,
            @EventField("budget code charged") String budgetCode)
            implements DomainEvent {
    }

    @EventType(name = "expense.item-added", summary = "A receipt was added to a draft claim (read"
            + " from its e-invoice codes, or typed).")
    public record ItemAdded(
            @EventField("claim id") long claimId,
            @EventField("item id") long itemId,
            @EventField("EINVOICE or RECEIPT") String kind,
            @EventField("true when read from QR codes in an uploaded file") boolean fromCodes,
            @EventField("amount, NT$") BigDecimal amount)
            implements DomainEvent {
    }

    @EventType(name = "expense.submitted", summary = "A claim was submitted: to the supervisor, or"
            + " first to accounting when it holds a possible duplicate.")
    public record Submitted(
            @EventField("claim id") long claimId,
            @EventField("login of the claimant") String claimant,
            @EventField("total, NT$") BigDecimal total,
            @EventField("SUBMITTED (to the supervisor) or FLAGGED (to accounting)") String status,
            @EventField("possible duplicates that need accounting's override") int flagged)
            implements DomainEvent {
    }

    @EventType(name = "expense.duplicate-refused", summary = "Submitting a claim was refused: a"
            + " receipt is already claimed (same invoice or same file).")
    public record DuplicateRefused(
            @EventField("claim id") long claimId,
            @EventField("login of the claimant") String claimant,
            @EventField("hard duplicates found") int duplicates)
            implements DomainEvent {
    }

    @EventType(name = "expense.overridden", summary = "Accounting let a flagged claim go on, with a"
            + " reason.")
    public record Overridden(
            @EventField("claim id") long claimId,
            @EventField("login of the accountant") String accountant)
            implements DomainEvent {
    }

    @EventType(name = "expense.advanced", summary = "A claim passed a step of its approval chain.")
    public record Advanced(
            @EventField("claim id") long claimId,
            @EventField("ACCOUNTING (supervisor approved) or APPROVED (accounting approved)")
            String status,
            @EventField("login of who approved") String approvedBy)
            implements DomainEvent {
    }

    @EventType(name = "expense.rejected", summary = "A claim was turned down (its receipts are free"
            + " to be claimed again).")
    public record Rejected(
            @EventField("claim id") long claimId,
            @EventField("login of the claimant") String claimant,
            @EventField("login of who rejected") String rejectedBy)
            implements DomainEvent {
    }

    @EventType(name = "expense.paid", summary = "A claim was paid; it is locked from now on.")
    public record Paid(
            @EventField("claim id") long claimId,
            @EventField("login of the claimant") String claimant,
            @EventField("payment date") LocalDate paidOn,
            @EventField("total, NT$") BigDecimal total)
            implements DomainEvent {
    }

    @EventType(name = "expense.exported", summary = "Accounting exported claims (CSV or XLSX).")
    public record Exported(
            @EventField("login of who exported") String by,
            @EventField("csv or xlsx") String format,
            @EventField("first month exported, yyyy-MM") String from,
            @EventField("last month exported, yyyy-MM") String to,
            @EventField("rows") int rows)
            implements DomainEvent {
    }

    @EventType(name = "expense.invoice.verified", summary = "The MoF e-invoice platform was asked about"
            + " a claimed e-invoice: CONFIRMED, NOT_FOUND, VOIDED, MISMATCH or ERROR.")
    public record InvoiceVerified(
            @EventField("claim id") long claimId,
            @EventField("item id") long itemId,
            @EventField("invoice number") String invoiceNumber,
            @EventField("what the platform answered") String outcome)
            implements DomainEvent {
    }
}

package org.agencyworkspace.expenses;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.einvoice.InvoiceRegistry;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks claimed e-invoices with the Ministry of Finance e-invoice platform: each e-invoice item
 * with its number, date, random code and seller is asked once and gets what the platform answered —
 * CONFIRMED (it exists, stands and its total and seller agree), NOT_FOUND, VOIDED (作廢 or 註銷),
 * MISMATCH (another total or seller), or ERROR (the platform refused the query). An outage leaves
 * the item unasked, for the next run. The result is shown to whoever may read the claim; it does not
 * decide anything by itself: the approvers see it.
 */
public class InvoiceVerifications {

    private static final Logger LOG = LoggerFactory.getLogger(InvoiceVerifications.class);

    /** What the platform answered for one item. */
    public enum Outcome { CONFIRMED, NOT_FOUND, VOIDED, MISMATCH, ERROR }

    private record Due(long itemId, long claimId, String level, String number, LocalDate issued,
            String randomCode, String seller, java.math.BigDecimal amount, String field) {
    }

    private final JdbcClient jdbc;
    private final InvoiceRegistry platform;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;
    private final int batch;

    public InvoiceVerifications(JdbcClient jdbc, InvoiceRegistry platform, AuditTrail audit, EventPublisher events,
            Clock clock, int batch) {
        this.jdbc = jdbc;
        this.platform = platform;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Asks the platform about e-invoice items not asked yet. Called by
     * {@link ExpenseInvoiceVerificationRoutes}.
     *
     * @return how many got an answer
     */
    public int verifyDue() {
        List<Due> due = jdbc.sql("""
                SELECT i.id, i.claim_id, c.level, i.invoice_number, i.issued_on, i.random_code, i.seller,
                    i.amount, i.verification_field
                FROM expense_item i JOIN expense_claim c ON c.id = i.claim_id
                WHERE i.kind = 'EINVOICE' AND i.verification IS NULL AND i.invoice_number IS NOT NULL
                  AND i.random_code IS NOT NULL AND i.seller IS NOT NULL
                ORDER BY i.id
                """)
                .query((row, n) -> new Due(row.getLong("id"), row.getLong("claim_id"), row.getString("level"),
                        row.getString("invoice_number"), row.getObject("issued_on", LocalDate.class),
                        row.getString("random_code"), row.getString("seller"), row.getBigDecimal("amount"),
                        row.getString("verification_field")))
                .list().stream().limit(batch).toList();
        int answered = 0;
        for (Due item : due) {
            Outcome outcome;
            String detail;
            try {
                Optional<InvoiceRegistry.Registered> found = platform.find(new InvoiceRegistry.Query(item.number(),
                        item.issued(), item.randomCode(), item.seller(), item.field()));
                if (found.isEmpty()) {
                    outcome = Outcome.NOT_FOUND;
                    detail = "the platform does not know invoice " + item.number();
                } else if (!found.get().valid()) {
                    outcome = Outcome.VOIDED;
                    detail = found.get().status();
                } else if (found.get().total().compareTo(item.amount()) != 0 || !found.get().seller().equals(item.seller())) {
                    outcome = Outcome.MISMATCH;
                    detail = "the platform has NT$" + found.get().total().toPlainString() + " from seller "
                            + found.get().seller();
                } else {
                    outcome = Outcome.CONFIRMED;
                    detail = found.get().sellerName();
                }
            } catch (InvoiceRegistry.InvoiceRegistryException e) {
                if (e.isTransient()) {
                    LOG.warn("e-invoice platform unavailable, item {} is asked again later: {}", item.itemId(),
                            e.getMessage());
                    return answered;
                }
                outcome = Outcome.ERROR;
                detail = e.getMessage();
            }
            record(item, outcome, detail);
            answered++;
        }
        return answered;
    }

    private void record(Due item, Outcome outcome, String detail) {
        String shortened = detail == null ? null : detail.length() <= 300 ? detail : detail.substring(0, 300);
        int changed = jdbc.sql("""
                UPDATE expense_item SET verification = :outcome, verification_detail = :detail, verified_at = :now
                WHERE id = :id AND verification IS NULL
                """)
                .param("outcome", outcome.name()).param("detail", shortened)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("id", item.itemId()).update();
        if (changed == 0) {
            return;
        }
        AuditEvent.Builder event = AuditEvent.of("expense.invoice.verify", "process").actor(AuditEvent.Actor.SYSTEM)
                .target("expense-claim", Long.toString(item.claimId()), item.level())
                .details(Map.of("item", Long.toString(item.itemId()), "invoice", item.number(),
                        "outcome", outcome.name()));
        audit.record((outcome == Outcome.ERROR ? event.failure(shortened) : event.success()).build());
        events.publish(new ExpenseEvents.InvoiceVerified(item.claimId(), item.itemId(), item.number(),
                outcome.name()), null);
    }
}

package org.agencyworkspace.expenses;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.agencyworkspace.connector.einvoice.PhotoHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks for each item of a claim among every other claim of the agency that is not a draft and
 * not rejected (a rejected claim gives its receipts back), and among the claim's own other items.
 * Same invoice or same file blocks; a re-taken photo or the same seller, amount and day is
 * flagged, because two honest receipts can look alike (two identical coffees on one day, two
 * taxi receipts of one company's form).
 */
@Component
public class DuplicateFinder {

    /** Claims whose receipts count as claimed. */
    static final String CLAIMED = "c.status NOT IN ('DRAFT', 'REJECTED')";

    private final JdbcClient jdbc;
    private final ExpensesProperties properties;

    public DuplicateFinder(JdbcClient jdbc, ExpensesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    private record Match(long claimId, String claimant, long itemId) {
    }

    /** Every possible duplicate of each item of {@code claim}. */
    public List<DuplicateHit> hits(Claim claim) {
        List<DuplicateHit> hits = new ArrayList<>();
        for (Claim.Item item : claim.items()) {
            Set<Match> invoices = new LinkedHashSet<>();
            if (item.invoiceNumber() != null) {
                invoices.addAll(matches("i.invoice_number = :number AND (i.seller = :seller"
                        + " OR i.invoice_period = :period)", claim.id(), item.id(), query -> query
                        .param("number", item.invoiceNumber()).param("seller", item.seller())
                        .param("period", item.invoicePeriod())));
            }
            invoices.forEach(match -> hits.add(hit(item, DuplicateHit.Match.SAME_INVOICE, true, match)));
            if (item.fileSha256() != null) {
                // Several invoices of one PDF share its hash within the claim: only other claims count.
                matches("i.file_sha256 = :sha AND i.claim_id <> :claim", claim.id(), item.id(),
                        query -> query.param("sha", item.fileSha256()))
                        .forEach(match -> hits.add(hit(item, DuplicateHit.Match.SAME_FILE, true, match)));
            }
            if (item.photoHash() != null) {
                long hash = item.photoHash();
                String condition = "(i.photo_band0 = :b0 OR i.photo_band1 = :b1"
                        + " OR i.photo_band2 = :b2 OR i.photo_band3 = :b3)"
                        + (item.fileSha256() == null ? ""
                                : " AND (i.file_sha256 IS NULL OR i.file_sha256 <> :sha)")
                        // Two readable invoices with different numbers are different receipts.
                        + (item.invoiceNumber() == null ? ""
                                : " AND (i.invoice_number IS NULL OR i.invoice_number = :number)");
                rows(condition, claim.id(), item.id(), query -> {
                    JdbcClient.StatementSpec spec = query.param("b0", band(hash, 0))
                            .param("b1", band(hash, 1)).param("b2", band(hash, 2))
                            .param("b3", band(hash, 3));
                    if (item.fileSha256() != null) {
                        spec = spec.param("sha", item.fileSha256());
                    }
                    return item.invoiceNumber() == null ? spec : spec.param("number", item.invoiceNumber());
                },
                        "i.photo_hash").stream()
                        .filter(row -> PhotoHash.distance(row.photoHash(), hash) <= properties.photoDistance())
                        .map(Row::match)
                        .filter(match -> !invoices.contains(match))
                        .forEach(match -> hits.add(hit(item, DuplicateHit.Match.SAME_PHOTO, false, match)));
            }
            String party = item.seller() != null ? item.seller() : item.payeeId();
            if (party != null) {
                matches("(i.seller = :party OR i.payee_id = :party) AND i.amount = :amount"
                        + " AND i.issued_on = :day", claim.id(), item.id(), query -> query
                        .param("party", party).param("amount", item.amount())
                        .param("day", item.issuedOn())).stream()
                        .filter(match -> !invoices.contains(match))
                        .forEach(match -> hits.add(hit(item, DuplicateHit.Match.NEAR, false, match)));
            }
        }
        return hits;
    }

    /** The four 16-bit bands of a photo hash, as stored. */
    static int band(long hash, int index) {
        return (int) (hash >>> (16 * index) & 0xffff);
    }

    private List<Match> matches(String condition, long claimId, long itemId,
            UnaryOperator<JdbcClient.StatementSpec> params) {
        return rows(condition, claimId, itemId, params, "CAST(NULL AS BIGINT)").stream().map(Row::match).toList();
    }

    private record Row(Match match, Long photoHash) {
    }

    private List<Row> rows(String condition, long claimId, long itemId,
            UnaryOperator<JdbcClient.StatementSpec> params, String photoColumn) {
        String sql = "SELECT c.id AS claim_id, c.claimant, i.id AS item_id, " + photoColumn
                + " AS photo_hash FROM expense_item i JOIN expense_claim c ON c.id = i.claim_id"
                + " WHERE " + condition + " AND i.id <> :item AND (c.id = :claim OR " + CLAIMED + ")"
                + " ORDER BY c.id, i.id";
        return params.apply(jdbc.sql(sql)).param("item", itemId).param("claim", claimId)
                .query((row, n) -> new Row(new Match(row.getLong("claim_id"), row.getString("claimant"),
                        row.getLong("item_id")), (Long) row.getObject("photo_hash", Long.class)))
                .list();
    }

    private static DuplicateHit hit(Claim.Item item, DuplicateHit.Match match, boolean blocking,
            Match earlier) {
        return new DuplicateHit(item.id(), match, blocking, earlier.claimId(), earlier.claimant(),
                earlier.itemId());
    }
}

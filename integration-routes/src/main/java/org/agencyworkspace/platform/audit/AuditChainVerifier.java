package org.agencyworkspace.platform.audit;

import java.util.List;
import org.agencyworkspace.platform.audit.ChainVerification.Problem;
import org.agencyworkspace.platform.audit.ChainVerification.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks the audit chain from the genesis to the head, a page at a time, and reports the first
 * broken link. Rows appended after the check started are left for the next check.
 */
@Component
public class AuditChainVerifier {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;

    public AuditChainVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ChainVerification verify() {
        record Head(long seq, String hash) { }
        Head head = jdbc.sql("SELECT seq, hash FROM audit_chain_head WHERE id = 1")
                .query((result, index) -> new Head(result.getLong("seq"), result.getString("hash")))
                .single();
        long expected = 1;
        String previous = AuditChain.GENESIS;
        long checked = 0;
        while (expected <= head.seq()) {
            List<Linked> page = jdbc.sql("SELECT * FROM audit_event WHERE chain_seq >= :from"
                            + " AND chain_seq <= :head ORDER BY chain_seq FETCH FIRST " + PAGE
                            + " ROWS ONLY")
                    .param("from", expected).param("head", head.seq())
                    .query((result, index) -> new Linked(result.getLong("chain_seq"),
                            result.getString("prev_hash"), result.getString("hash"),
                            AuditRow.read(result)))
                    .list();
            if (page.isEmpty()) {
                break;
            }
            for (Linked row : page) {
                Problem problem = check(row, expected, previous);
                if (problem != null) {
                    return new ChainVerification(checked, head.seq(), problem);
                }
                checked++;
                expected++;
                previous = row.hash();
            }
        }
        if (expected <= head.seq()) {
            return new ChainVerification(checked, head.seq(), new Problem(Reason.ROW_DELETED,
                    expected, null, "the newest rows, positions " + expected + " to " + head.seq()
                            + ", are missing"));
        }
        if (!previous.equals(head.hash())) {
            return new ChainVerification(checked, head.seq(), new Problem(Reason.LINK_BROKEN,
                    head.seq(), null, "the chain head does not carry the last row's hash"));
        }
        String stray = jdbc.sql("SELECT id FROM audit_event WHERE chain_seq IS NULL"
                        + " ORDER BY occurred_at, id FETCH FIRST 1 ROWS ONLY")
                .query(String.class).optional().orElse(null);
        if (stray != null) {
            return new ChainVerification(checked, head.seq(), new Problem(Reason.ROW_INSERTED,
                    0, stray, "a row without a chain position was written outside the audit trail"));
        }
        return new ChainVerification(checked, head.seq(), null);
    }

    private static Problem check(Linked row, long expected, String previous) {
        if (row.seq() != expected) {
            return new Problem(Reason.ROW_DELETED, expected, row.row().id(),
                    "positions " + expected + " to " + (row.seq() - 1) + " are missing before this row");
        }
        if (!AuditChain.hash(row.seq(), row.prevHash(), row.row()).equals(row.hash())) {
            return new Problem(Reason.CONTENT_CHANGED, row.seq(), row.row().id(),
                    "the row's values do not give the hash it carries");
        }
        if (!previous.equals(row.prevHash())) {
            return new Problem(Reason.LINK_BROKEN, row.seq(), row.row().id(),
                    "the row does not carry the hash of position " + (row.seq() - 1));
        }
        return null;
    }

    private record Linked(long seq, String prevHash, String hash, AuditRow row) {
    }
}

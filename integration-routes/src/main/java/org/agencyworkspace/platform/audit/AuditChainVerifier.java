package org.agencyworkspace.platform.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.ChainVerification.Problem;
import org.agencyworkspace.platform.audit.ChainVerification.Reason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks the audit chain from the genesis to the head, a page at a time, and reports the first
 * broken link: unkeyed SHA-256 links before the cut-over, keyed HMAC links from it on. Then
 * compares the database with the anchors kept outside it: the head must not be behind the
 * newest anchor (truncation), every anchored position must still carry its anchored hash, and
 * the cut-over position must be the one every anchor names (rewrites). Rows appended after the
 * check started are left for the next check.
 */
@Component
public class AuditChainVerifier {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;
    private final AuditChainKey key;
    private final AuditAnchors anchors;

    /** A verifier of an unkeyed chain, without anchors (tests of the chain itself). */
    public AuditChainVerifier(JdbcClient jdbc) {
        this(jdbc, AuditChainKey.none(), null);
    }

    @Autowired
    public AuditChainVerifier(JdbcClient jdbc, AuditChainKey key, AuditAnchors anchors) {
        this.jdbc = jdbc;
        this.key = key;
        this.anchors = anchors;
    }

    public ChainVerification verify() {
        JdbcAuditTrail.Head head = jdbc.sql("SELECT seq, hash, keyed_from FROM audit_chain_head WHERE id = 1")
                .query(JdbcAuditTrail.HEAD).single();
        List<AuditAnchors.Anchor> anchored;
        try {
            anchored = anchors == null ? List.of() : anchors.read();
        } catch (IllegalStateException e) {
            return result(0, head, List.of(), new Problem(Reason.ANCHORS_MISSING, head.seq(), null, e.getMessage()));
        }
        Map<Long, String> anchoredHashes = new HashMap<>();
        anchored.stream().filter(anchor -> anchor.seq() <= head.seq())
                .forEach(anchor -> anchoredHashes.put(anchor.seq(), null));
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
                Problem problem = check(row, expected, previous, head.keyedFrom());
                if (problem != null) {
                    return result(checked, head, anchored, problem);
                }
                if (anchoredHashes.containsKey(row.seq())) {
                    anchoredHashes.put(row.seq(), row.hash());
                }
                checked++;
                expected++;
                previous = row.hash();
            }
        }
        if (expected <= head.seq()) {
            return result(checked, head, anchored, new Problem(Reason.ROW_DELETED,
                    expected, null, "the newest rows, positions " + expected + " to " + head.seq()
                            + ", are missing"));
        }
        if (!previous.equals(head.hash())) {
            return result(checked, head, anchored, new Problem(Reason.LINK_BROKEN,
                    head.seq(), null, "the chain head does not carry the last row's hash"));
        }
        String stray = jdbc.sql("SELECT id FROM audit_event WHERE chain_seq IS NULL"
                        + " ORDER BY occurred_at, id FETCH FIRST 1 ROWS ONLY")
                .query(String.class).optional().orElse(null);
        if (stray != null) {
            return result(checked, head, anchored, new Problem(Reason.ROW_INSERTED,
                    0, stray, "a row without a chain position was written outside the audit trail"));
        }
        return result(checked, head, anchored, compare(head, anchored, anchoredHashes));
    }

    /** The database against the anchors; null when they agree. */
    private Problem compare(JdbcAuditTrail.Head head, List<AuditAnchors.Anchor> anchored,
            Map<Long, String> anchoredHashes) {
        if (anchored.isEmpty()) {
            return head.keyedFrom() == null ? null : new Problem(Reason.ANCHORS_MISSING, head.seq(), null,
                    "the chain is keyed but no anchor was found in " + anchors.file()
                            + ": it was removed, or this is not the workspace's log folder");
        }
        for (AuditAnchors.Anchor anchor : anchored) {
            String where = "anchor of " + anchor.at() + " (line " + anchor.line() + ")";
            if (!anchors.authentic(anchor)) {
                return new Problem(Reason.ANCHORS_MISSING, anchor.seq(), null,
                        "the " + where + " was not made with this chain key");
            }
            if (anchor.seq() > head.seq()) {
                return new Problem(Reason.TRUNCATED, head.seq() + 1, null, "the " + where
                        + " is at position " + anchor.seq() + " but the database head is at " + head.seq()
                        + ": the newest rows were deleted and the head reset");
            }
            if (anchor.keyedFrom() != null && !anchor.keyedFrom().equals(head.keyedFrom())) {
                return new Problem(Reason.REWRITTEN, anchor.keyedFrom(), null, "the " + where
                        + " says the chain is keyed from position " + anchor.keyedFrom()
                        + ", the database says " + head.keyedFrom() + ": rows were rewritten without the key");
            }
            String stored = anchor.seq() == 0 ? AuditChain.GENESIS : anchoredHashes.get(anchor.seq());
            if (!anchor.hash().equals(stored)) {
                return new Problem(Reason.REWRITTEN, anchor.seq(), null, "position " + anchor.seq()
                        + " no longer carries the hash of the " + where + ": rows up to it were rewritten");
            }
        }
        return null;
    }

    private Problem check(Linked row, long expected, String previous, Long keyedFrom) {
        if (row.seq() != expected) {
            return new Problem(Reason.ROW_DELETED, expected, row.row().id(),
                    "positions " + expected + " to " + (row.seq() - 1) + " are missing before this row");
        }
        boolean keyed = keyedFrom != null && row.seq() >= keyedFrom;
        if (keyed && !key.present()) {
            return new Problem(Reason.KEY_MISSING, row.seq(), row.row().id(),
                    "the chain is keyed from here on and no chain key is configured");
        }
        if (keyed && row.seq() == keyedFrom && !cutOverByThisKey(row.row())) {
            return new Problem(Reason.KEY_MISSING, row.seq(), row.row().id(),
                    "the cut-over row does not name this chain key (" + key.id()
                            + "): the key file was replaced, or the cut-over moved");
        }
        if (!AuditChain.hashAt(row.seq(), row.prevHash(), row.row(), keyedFrom, key).equals(row.hash())) {
            return new Problem(Reason.CONTENT_CHANGED, row.seq(), row.row().id(),
                    "the row's values do not give the hash it carries");
        }
        if (!previous.equals(row.prevHash())) {
            return new Problem(Reason.LINK_BROKEN, row.seq(), row.row().id(),
                    "the row does not carry the hash of position " + (row.seq() - 1));
        }
        return null;
    }

    private boolean cutOverByThisKey(AuditRow row) {
        return AuditChain.CUT_OVER_ACTION.equals(row.action()) && row.details() != null
                && row.details().contains("\"keyId\":\"" + key.id() + "\"");
    }

    private static ChainVerification result(long checked, JdbcAuditTrail.Head head,
            List<AuditAnchors.Anchor> anchored, Problem problem) {
        long newest = anchored.stream().mapToLong(AuditAnchors.Anchor::seq).max().orElse(-1);
        return new ChainVerification(checked, head.seq(), anchored.size(), newest, problem);
    }

    private record Linked(long seq, String prevHash, String hash, AuditRow row) {
    }
}

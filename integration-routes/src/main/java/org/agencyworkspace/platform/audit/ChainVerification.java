package org.agencyworkspace.platform.audit;

/**
 * The result of checking the audit chain from the genesis to the head, and the head against the
 * anchors kept outside the database.
 *
 * @param rowsChecked chained rows read
 * @param headPosition the head's position when the check started (later appends are not checked)
 * @param anchorsChecked anchors compared with the database
 * @param newestAnchor the newest anchor's position, or -1 when there is none
 * @param firstProblem the first broken link, or null when the chain is intact
 */
public record ChainVerification(long rowsChecked, long headPosition, long anchorsChecked,
        long newestAnchor, Problem firstProblem) {

    /** Why a link is broken. */
    public enum Reason {
        /** The row's values no longer give the hash it carries: it was edited. */
        CONTENT_CHANGED,
        /** The row does not carry the hash of the row before it (that row was replaced or edited with a new hash). */
        LINK_BROKEN,
        /** A position is missing: a row was deleted (or the newest rows, when the head is ahead). */
        ROW_DELETED,
        /** A row without a chain position: written into the table outside the audit trail. */
        ROW_INSERTED,
        /** The head is behind the newest anchor: the newest rows were deleted and the head reset. */
        TRUNCATED,
        /** An anchored position carries another hash, or the cut-over position moved: rows were rewritten. */
        REWRITTEN,
        /** Keyed rows cannot be checked: no key, or not the key the chain was keyed with. */
        KEY_MISSING,
        /** The chain is keyed but no anchor is found, or one is unreadable or not made with the key. */
        ANCHORS_MISSING
    }

    /**
     * The first broken link.
     *
     * @param reason what is wrong
     * @param position the chain position where it shows
     * @param eventId the id of the row at (or, for a deletion, just after) that position; null
     *     when the newest rows were deleted
     * @param detail one sentence for the operator
     */
    public record Problem(Reason reason, long position, String eventId, String detail) {
    }

    /** A result without anchors compared. */
    public ChainVerification(long rowsChecked, long headPosition, Problem firstProblem) {
        this(rowsChecked, headPosition, 0, -1, firstProblem);
    }

    public boolean intact() {
        return firstProblem == null;
    }

    /** What {@code bin/workspace audit verify} prints. */
    public String toText() {
        String anchors = newestAnchor < 0 ? "No anchor outside the database yet: a truncation of the"
                + " newest rows could not be seen.\n"
                : "Compared with " + anchorsChecked + " anchors outside the database; the newest is at"
                        + " position " + newestAnchor + ".\n";
        if (intact()) {
            return "Audit chain intact: " + rowsChecked + " rows, head at position " + headPosition
                    + ".\n" + anchors;
        }
        return "Audit chain BROKEN at position " + firstProblem.position() + " (event "
                + (firstProblem.eventId() == null ? "-" : firstProblem.eventId()) + "): "
                + firstProblem.reason() + " - " + firstProblem.detail() + "\n"
                + "Checked " + rowsChecked + " rows up to the first problem; head at position "
                + headPosition + ".\n" + anchors;
    }
}

package org.agencyworkspace.expenses;

/**
 * A receipt of a claim that may have been claimed before.
 *
 * @param itemId the item of the claim being looked at
 * @param match what matched
 * @param blocking true when the claim cannot be submitted; false when accounting must override
 * @param earlierClaimId the claim that holds the same receipt; null when the viewer may not see it
 * @param earlierClaimant who filed it; null when the viewer may not see it
 * @param earlierItemId the matching item there; null when hidden
 */
public record DuplicateHit(long itemId, Match match, boolean blocking, Long earlierClaimId,
        String earlierClaimant, Long earlierItemId) {

    /** What matched. */
    public enum Match {
        /** The same invoice: number and seller, or number and period. Blocks. */
        SAME_INVOICE,
        /** The same file, byte for byte (SHA-256). Blocks. */
        SAME_FILE,
        /** A photo of the receipt close to another one (perceptual hash). Flagged. */
        SAME_PHOTO,
        /** Same seller or payee, same amount, same day. Flagged. */
        NEAR
    }

    /** The same hit as someone who may not read the earlier claim sees it. */
    public DuplicateHit hidden() {
        return new DuplicateHit(itemId, match, blocking, null, null, null);
    }
}

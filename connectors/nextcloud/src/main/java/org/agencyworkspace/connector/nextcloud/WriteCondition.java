package org.agencyworkspace.connector.nextcloud;

import java.util.Optional;

/**
 * What must hold for a write (put, move, copy, delete) to go ahead; when it does not, the
 * server answers 412 and the connector throws {@link PreconditionFailedException}.
 */
public final class WriteCondition {

    private static final WriteCondition NONE = new WriteCondition(null, false);
    private static final WriteCondition ABSENT = new WriteCondition(null, true);

    private final ETag expected;
    private final boolean mustBeAbsent;

    private WriteCondition(ETag expected, boolean mustBeAbsent) {
        this.expected = expected;
        this.mustBeAbsent = mustBeAbsent;
    }

    /** Write whatever is there. */
    public static WriteCondition none() {
        return NONE;
    }

    /**
     * Write only while the target still has {@code etag} ({@code If-Match}): the optimistic lock
     * for read-modify-write.
     *
     * @throws IllegalArgumentException for a weak tag, which {@code If-Match} never matches
     */
    public static WriteCondition ifMatch(ETag etag) {
        if (etag.weak()) {
            throw new IllegalArgumentException("a weak ETag (" + etag + ") never matches If-Match;"
                    + " read the entry again once it is older than a second");
        }
        return new WriteCondition(etag, false);
    }

    /** Create only: fail if the target exists ({@code If-None-Match: *}). */
    public static WriteCondition ifAbsent() {
        return ABSENT;
    }

    /** The tag the target must still have. */
    Optional<ETag> expected() {
        return Optional.ofNullable(expected);
    }

    boolean mustBeAbsent() {
        return mustBeAbsent;
    }

    @Override
    public String toString() {
        return expected != null ? "If-Match " + expected
                : mustBeAbsent ? "If-None-Match *" : "unconditional";
    }
}

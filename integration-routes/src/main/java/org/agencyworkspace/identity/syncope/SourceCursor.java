package org.agencyworkspace.identity.syncope;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in a source's change order ({@code lastChangeDate ASC, username ASC}): the record
 * last taken. Records at or before it have been read.
 *
 * @param changedAt the change date of that record
 * @param userName its user name, which breaks ties between records changed at the same moment
 */
record SourceCursor(Instant changedAt, String userName) implements Comparable<SourceCursor> {

    private static final Comparator<SourceCursor> ORDER = Comparator
            .comparing(SourceCursor::changedAt).thenComparing(SourceCursor::userName);

    SourceCursor {
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(userName, "userName");
    }

    @Override
    public int compareTo(SourceCursor other) {
        return ORDER.compare(this, other);
    }
}

package org.agencyworkspace.identity.syncope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import org.agencyworkspace.platform.audit.AuditCursors;

/**
 * A position in a source's change order ({@code lastChangeDate ASC, username ASC}): the record
 * last taken. Records at or before it have been read.
 *
 * @param changedAt the change date of that record
 * @param userName its user name, which breaks ties between records changed at the same moment
 *
 * <p>Kept in the workspace's one cursor store ({@link AuditCursors}) as microseconds since the
 * epoch and the user name.
 */
record SourceCursor(Instant changedAt, String userName) implements Comparable<SourceCursor> {

    private static final Comparator<SourceCursor> ORDER = Comparator
            .comparing(SourceCursor::changedAt).thenComparing(SourceCursor::userName);

    SourceCursor {
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(userName, "userName");
    }

    /** The cursor as the store keeps it; null when the source has none yet. */
    static SourceCursor stored(AuditCursors.Cursor stored) {
        return stored.extra() == null ? null
                : new SourceCursor(Instant.EPOCH.plus(stored.position(), ChronoUnit.MICROS), stored.extra());
    }

    AuditCursors.Cursor toStored() {
        return new AuditCursors.Cursor(ChronoUnit.MICROS.between(Instant.EPOCH, changedAt), userName);
    }

    @Override
    public int compareTo(SourceCursor other) {
        return ORDER.compare(this, other);
    }
}

package org.agencyworkspace.identity.reconciliation;

import java.util.Objects;

/**
 * One difference between the identities and an app or a source, and what reconciliation did
 * about it.
 *
 * @param where the app ({@code keycloak}, {@code matrix}, ...) or source ({@code syncope})
 * @param userName whose account or record
 * @param kind what is wrong
 * @param detail a sentence an operator can act on
 * @param repair what was done
 */
public record Drift(String where, String userName, Kind kind, String detail, Repair repair) {

    /** What is wrong. */
    public enum Kind {
        /** An active person has no account in the app. */
        MISSING,
        /** An active person's account is disabled. */
        DISABLED,
        /** A person who left (or was removed) still has an enabled account: the dangerous one. */
        STILL_ACTIVE,
        /** An enabled account that no identity knows. */
        EXTRA,
        /** The source has a record the identities do not reflect (a missed change). */
        SOURCE_CHANGED,
        /** An identity whose source record is gone. */
        SOURCE_DELETED,
        /** The source has a record the workspace refuses; fix it in the source. */
        SOURCE_REFUSED,
        /** The app or source could not be read, so it was not compared. */
        UNREACHABLE
    }

    /** What reconciliation did about it. */
    public enum Repair {
        /** The fix is queued (apps) or applied (identities). */
        REPAIRED,
        /** A dry run: nothing was changed. */
        REPORTED,
        /** Left for an operator: an unknown account, a refused record, an app that was down. */
        LEFT_ALONE,
        /** The person has changes still being applied; the next run looks again. */
        IN_FLIGHT,
        /** The repair itself failed; {@code detail} says why. */
        FAILED
    }

    public Drift {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(repair, "repair");
    }

    /** The same drift with what was done about it; {@code why} is added to the detail. */
    public Drift withRepair(Repair outcome, String why) {
        return new Drift(where, userName, kind, why == null ? detail : detail + " (" + why + ")",
                outcome);
    }
}

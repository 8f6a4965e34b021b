package org.agencyworkspace.identity.reconciliation;

import java.util.List;

/**
 * A pulling identity source (Syncope) that reconciliation compares with the identities it fed,
 * to catch changes polling missed and records deleted at the source.
 */
public interface ReconciledSource {

    /** The source name, as stored with its identities. */
    String name();

    /**
     * What comparing a source found.
     *
     * @param records how many records the source has
     * @param drift the differences and what was done
     */
    record Comparison(int records, List<Drift> drift) {

        public Comparison {
            drift = List.copyOf(drift);
        }
    }

    /**
     * Compares every record of the source with its identity.
     *
     * @param repair whether to bring the identities in line (otherwise only report)
     * @return the differences and what was done; {@link Drift.Kind#UNREACHABLE} when the source
     *     could not be read, and then nothing is taken as deleted
     */
    Comparison reconcile(boolean repair);
}

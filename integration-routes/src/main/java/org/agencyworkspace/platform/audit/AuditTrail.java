package org.agencyworkspace.platform.audit;

import java.util.List;

/**
 * The one audit API every route and endpoint calls. {@link #record} persists the event before it
 * returns, so an action that completed is never missing from the trail.
 */
public interface AuditTrail {

    /**
     * Persists the event. Fills in the trace id from the current request or exchange when the
     * event has none.
     *
     * @throws org.springframework.dao.DataAccessException when it cannot be stored; callers in a
     *     transaction then roll back, so nothing happens without its audit record
     */
    void record(AuditEvent event);

    /** Persists several events in one transaction, in the given order (sources that poll). */
    default void recordAll(List<AuditEvent> events) {
        events.forEach(this::record);
    }

    /** The newest events first, for the UI and tests. */
    List<AuditEvent> recent(AuditQuery query);
}

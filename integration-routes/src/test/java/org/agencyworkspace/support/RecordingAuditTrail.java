package org.agencyworkspace.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;

/** An audit trail that keeps events in memory, for tests that only check what was recorded. */
public final class RecordingAuditTrail implements AuditTrail {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public List<AuditEvent> recent(AuditQuery query) {
        return List.copyOf(events);
    }

    public List<String> actions() {
        return events.stream().map(AuditEvent::action).toList();
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}

package org.agencyworkspace.security.incidents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do with incidents: assign, acknowledge, close with a resolution. Each
 * change is on the incident's timeline and in the audit trail, in one transaction.
 */
@Service
public class IncidentService {

    private final IncidentStore store;
    private final AuditTrail audit;

    public IncidentService(IncidentStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    public List<Incident> list(IncidentStore.Filter filter) {
        return store.list(filter);
    }

    public Optional<Incident> find(String id) {
        return store.find(id);
    }

    /**
     * @throws IllegalArgumentException a blank or too long assignee
     * @throws IllegalStateException the incident is closed
     */
    @Transactional
    public Optional<Incident> assign(String id, String assignee, String by) {
        String who = required(assignee, "assignee", 200);
        return change(id, by, null, who, null, "assigned to " + who, "security.incident.assign");
    }

    @Transactional
    public Optional<Incident> acknowledge(String id, String by) {
        return change(id, by, Incident.Status.ACKNOWLEDGED, null, null, "acknowledged",
                "security.incident.acknowledge");
    }

    @Transactional
    public Optional<Incident> close(String id, String resolution, String by) {
        String why = required(resolution, "resolution", 2000);
        return change(id, by, Incident.Status.CLOSED, null, why, "closed: " + why,
                "security.incident.close");
    }

    private Optional<Incident> change(String id, String by, Incident.Status status, String assignee,
            String resolution, String what, String action) {
        Optional<Incident> changed = store.update(id, by, status, assignee, resolution, what);
        changed.ifPresent(incident -> audit.record(AuditEvent.of(action, "configuration")
                .actor(by, by).target("incident", id)
                .details(Map.of("rule", incident.ruleId(), "status", incident.status().name()))
                .build()));
        return changed;
    }

    private static String required(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return value.strip();
    }
}

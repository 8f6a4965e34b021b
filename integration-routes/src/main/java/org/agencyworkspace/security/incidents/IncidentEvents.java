package org.agencyworkspace.security.incidents;

import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/** Security monitoring's domain events. */
public final class IncidentEvents {

    private IncidentEvents() {
    }

    @EventType(name = "incident.raised", summary = "A detection rule opened a new security"
            + " incident (a repeat of an open one is not published again).")
    public record Raised(
            @EventField("incident id") String id,
            @EventField("id of the rule that fired") String rule,
            @EventField("low, medium, high or critical") String severity,
            @EventField("what it is about: user:<login>, ip:<address>, ...") String entity,
            @EventField("one-line title") String title,
            @EventField("workspace path of the incident page") String link)
            implements DomainEvent {
    }
}

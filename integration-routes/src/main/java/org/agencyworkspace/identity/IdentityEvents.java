package org.agencyworkspace.identity;

import java.util.List;
import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/** The identity lifecycle's domain events: a person joins, moves or leaves. */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    @EventType(name = "identity.joined", summary = "A person started work: their accounts are"
            + " being created in every app.")
    public record Joined(
            @EventField("the person's login (user name in every app)") String login,
            @EventField("display name") String displayName,
            @EventField("department codes, sorted") List<String> departments,
            @EventField("roles (staff, admin, ...)") List<String> roles,
            @EventField("clearance level key (unmarked, secret, ...)") String clearance)
            implements DomainEvent {
    }

    @EventType(name = "identity.moved", summary = "A person changed department, roles or"
            + " clearance.")
    public record Moved(
            @EventField("the person's login") String login,
            @EventField("department codes before") List<String> fromDepartments,
            @EventField("department codes after") List<String> toDepartments,
            @EventField("roles after") List<String> roles,
            @EventField("clearance level key after") String clearance)
            implements DomainEvent {
    }

    @EventType(name = "identity.left", summary = "A person left or was disabled: their accounts"
            + " are being disabled and sessions ended in every app.")
    public record Left(
            @EventField("the person's login") String login,
            @EventField("department codes they belonged to") List<String> departments)
            implements DomainEvent {
    }
}

package org.agencyworkspace.approvals;

import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/** The approvals registry's domain events. */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    @EventType(name = "approval.requested", summary = "Something waits for a decision by a holder"
            + " of a role.")
    public record Requested(
            @EventField("approval id") String id,
            @EventField("what kind of request (label-downgrade, ...)") String kind,
            @EventField("one-line subject shown to approvers") String subject,
            @EventField(value = "workspace path of the page that shows it", optional = true)
            String link,
            @EventField("login of who asked") String requester,
            @EventField("role whose holders may decide") String approverRole)
            implements DomainEvent {
    }

    @EventType(name = "approval.decided", summary = "A request was approved or rejected.")
    public record Decided(
            @EventField("approval id") String id,
            @EventField("what kind of request") String kind,
            @EventField("APPROVED or REJECTED") String outcome,
            @EventField("login of who decided") String decidedBy,
            @EventField("login of who asked") String requester)
            implements DomainEvent {
    }
}

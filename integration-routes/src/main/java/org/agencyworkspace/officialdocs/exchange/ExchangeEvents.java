package org.agencyworkspace.officialdocs.exchange;

import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/** Document exchange's domain events. Payloads name documents by number, never their subject or content. */
public final class ExchangeEvents {

    private ExchangeEvents() {
    }

    @EventType(name = "exchange.dispatched", summary = "A document was packed, signed with the agency's"
            + " exchange key and queued for delivery to each recipient (發文).")
    public record Dispatched(
            @EventField("dispatch id") String dispatchId,
            @EventField("document number (文號)") String documentNumber,
            @EventField("level code") String level,
            @EventField("recipients' exchange codes, comma-separated") String recipients,
            @EventField("login of the registry clerk") String by)
            implements DomainEvent {
    }

    @EventType(name = "exchange.acknowledged", summary = "A recipient's signed acknowledgement of a"
            + " dispatched package was recorded: received, or refused with a reason.")
    public record Acknowledged(
            @EventField("outgoing package id") long outgoingId,
            @EventField("recipient's exchange code") String recipient,
            @EventField("document number (文號)") String documentNumber,
            @EventField("RECEIVED or REFUSED") String outcome,
            @EventField("the refusal's reason; empty when received") String reason)
            implements DomainEvent {
    }

    @EventType(name = "exchange.received", summary = "A package from a known sender validated, was"
            + " filed into Files with its level, and the registry clerks got a task (收文).")
    public record Received(
            @EventField("incoming package id") long incomingId,
            @EventField("sender's exchange code") String sender,
            @EventField("document number (文號)") String documentNumber,
            @EventField("level code") String level,
            @EventField("folder in Files") String folder,
            @EventField("approvals registry id of the clerk's task") String task)
            implements DomainEvent {
    }

    @EventType(name = "exchange.refused", summary = "A received package was refused (tampered, unknown"
            + " sender, above the allowed level, bad schema, duplicate number ...); nothing was filed and a"
            + " signed refusal was returned.")
    public record Refused(
            @EventField("incoming package id") long incomingId,
            @EventField("sender's code as claimed; empty when unreadable") String sender,
            @EventField("document number; empty when unreadable") String documentNumber,
            @EventField("reason: a PackageRefusedException reason, DUPLICATE or TLS_CLIENT_MISMATCH") String reason)
            implements DomainEvent {
    }
}

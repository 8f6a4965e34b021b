package org.agencyworkspace.platform.events;

/**
 * A payload of a domain event: a record annotated with {@link EventType}, each component with
 * {@link EventField}. Payloads carry names, levels and ids, never document contents or secrets.
 */
public interface DomainEvent {
}

package org.agencyworkspace.platform.events;

/**
 * Publishes a domain event; what capabilities depend on ({@link DomainEvents} in the
 * application, a recording one in tests).
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes {@code payload} as caused by {@code actor} ({@code system} when null).
     *
     * @return the event id
     */
    String publish(DomainEvent payload, String actor);
}

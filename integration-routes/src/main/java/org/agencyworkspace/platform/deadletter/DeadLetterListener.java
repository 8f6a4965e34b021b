package org.agencyworkspace.platform.deadletter;

/**
 * Told when a route gives up on a message, so the capability that owns the route can record it
 * in its own state (for example, the outbox marks the message failed).
 */
public interface DeadLetterListener {

    /**
     * @param routeId the route that failed
     * @param body the message as it entered the route (base64 when binary)
     * @param reason the last failure's message
     */
    void deadLettered(String routeId, String body, String reason);

    /**
     * An operator closed a dead letter without replaying it: the capability may stop waiting for
     * it.
     *
     * @param routeId the route that had failed
     * @param body the message as it entered the route
     * @param operator who discarded it
     */
    default void discarded(String routeId, String body, String operator) {
    }
}

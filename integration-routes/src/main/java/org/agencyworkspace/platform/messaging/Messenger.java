package org.agencyworkspace.platform.messaging;

/**
 * The messaging seam every route and endpoint uses to tell people something. Sending only
 * persists the message in the outbox; a delivery route hands it to the configured channel (the
 * in-app inbox by default, Matrix in production), retrying and dead-lettering on failure.
 */
public interface Messenger {

    /**
     * Persists the message for delivery.
     *
     * @return the message id, which is also its idempotency key on every channel
     * @throws IllegalArgumentException when the template does not exist
     */
    String send(OutgoingMessage message);
}

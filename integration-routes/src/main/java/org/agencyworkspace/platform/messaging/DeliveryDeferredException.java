package org.agencyworkspace.platform.messaging;

/**
 * The channel cannot deliver now and knows it will later (its server is down, or asked us to
 * slow down): the message stays pending in the outbox and is picked up again by the next poll,
 * however long the outage lasts, instead of using up its retries and landing in the dead-letter
 * store.
 */
public class DeliveryDeferredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeliveryDeferredException(String message, Throwable cause) {
        super(message, cause);
    }
}

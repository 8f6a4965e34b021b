package org.agencyworkspace.connector.push;

/** What the push service said to one message. */
public enum PushOutcome {
    /** Accepted for delivery (201, or another 2xx). */
    ACCEPTED,
    /**
     * The subscription no longer exists (404 or 410, RFC 8030 §7.3): the browser unsubscribed or
     * the push service dropped it. The caller forgets the subscription.
     */
    GONE
}

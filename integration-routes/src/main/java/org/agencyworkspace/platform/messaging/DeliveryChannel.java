package org.agencyworkspace.platform.messaging;

/**
 * Where rendered messages go: the in-app inbox by default, Matrix when configured. Implementations
 * must be idempotent on {@link RenderedMessage#messageId()}, because a message is delivered again
 * after a crash or a replay.
 */
public interface DeliveryChannel {

    /** Short name shown to operators, e.g. {@code inbox}. */
    String name();

    /**
     * Delivers the message.
     *
     * @throws org.agencyworkspace.connector.TransientConnectorException when the channel is
     *     unreachable for now; the delivery route retries
     * @throws IllegalArgumentException when the recipient does not exist; not retried
     */
    void deliver(RenderedMessage message);
}

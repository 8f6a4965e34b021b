package org.agencyworkspace.chat;

import org.agencyworkspace.platform.messaging.DeliveryChannel;
import org.agencyworkspace.platform.messaging.RenderedMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Stands in for the Matrix channel when it is chosen but the chat bot is not configured, so the
 * workspace stops at start with one line naming the missing settings rather than a missing-bean
 * error.
 */
@Component
@ConditionalOnExpression(MatrixDeliveryChannel.MATRIX_CHOSEN + " && !(" + MatrixDeliveryChannel.CHAT_CONFIGURED + ")")
public class MatrixChannelNotConfigured implements DeliveryChannel {

    public MatrixChannelNotConfigured() {
        throw new IllegalStateException("workspace.messaging.channel=matrix needs "
                + "workspace.chat.as-token and workspace.connectors.matrix.homeserver-url "
                + "(the synapse profile reads them from WORKSPACE_MATRIX_AS_TOKEN and WORKSPACE_MATRIX_URL)");
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public void deliver(RenderedMessage message) {
        throw new IllegalStateException("not configured");
    }
}

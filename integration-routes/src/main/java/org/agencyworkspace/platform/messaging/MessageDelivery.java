package org.agencyworkspace.platform.messaging;

import java.util.Locale;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.deadletter.DeadLetterListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Delivers one outbox message through the channels it is due on ({@link DeliveryChannels}: the
 * chat channel, or each person's chosen one). Safe to call again for the same message: a
 * delivered message is skipped, and channels deduplicate on the message id.
 */
@Service
public class MessageDelivery implements DeadLetterListener {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDelivery.class);

    private final MessageOutbox outbox;
    private final NotificationTemplates templates;
    private final StaffDirectory directory;
    private final DeliveryChannels channels;
    private final Locale defaultLocale;

    public MessageDelivery(MessageOutbox outbox, NotificationTemplates templates,
            StaffDirectory directory, DeliveryChannels channels, WorkspaceProperties workspace) {
        this.outbox = outbox;
        this.templates = templates;
        this.directory = directory;
        this.channels = channels;
        this.defaultLocale = workspace.defaultLocale();
    }

    /**
     * Renders and delivers the message with this id. A failure is counted on the outbox row and
     * rethrown so the route can retry or dead-letter it; the message stays pending until then,
     * so one cut short by a stop is delivered after the restart.
     *
     * @throws IllegalArgumentException when no such message exists
     */
    public void deliver(String messageId) {
        MessageOutbox.Entry entry = outbox.find(messageId).orElseThrow(
                () -> new IllegalArgumentException("no message " + messageId + " in the outbox"));
        if (entry.status() == MessageOutbox.Status.DELIVERED) {
            LOG.debug("Message {} already delivered", messageId);
            return;
        }
        OutgoingMessage message = entry.message();
        Locale locale = localeFor(message);
        try {
            channels.deliver(new RenderedMessage(messageId, message.recipient(), locale,
                    templates.subject(message.templateKey(), message.parameters(), locale),
                    templates.body(message.templateKey(), message.parameters(), locale)),
                    message.templateKey());
        } catch (DeliveryDeferredException e) {
            // Stays pending: the next poll tries again, for as long as the outage lasts.
            outbox.recordFailedAttempt(messageId, e.getMessage());
            LOG.debug("Message {} deferred: {}", messageId, e.getMessage());
            return;
        } catch (RuntimeException e) {
            outbox.recordFailedAttempt(messageId, e.getMessage());
            throw e;
        }
        outbox.markDelivered(messageId);
        LOG.debug("Message {} delivered (chat channel {})", messageId, channels.chatName());
    }

    /** The delivery route gave up: take the message out of the pending queue until replayed. */
    @Override
    public void deadLettered(String routeId, String body, String reason) {
        if (MessageDeliveryRoutes.DELIVERY_ROUTE_ID.equals(routeId) && body != null) {
            outbox.markFailed(body, reason);
        }
    }

    private Locale localeFor(OutgoingMessage message) {
        if (message.locale() != null) {
            return message.locale();
        }
        if (message.recipient().kind() == Recipient.Kind.USER) {
            return directory.find(message.recipient().id())
                    .flatMap(StaffDirectory.StaffMember::preferredLocale)
                    .orElse(defaultLocale);
        }
        return defaultLocale;
    }
}

package org.agencyworkspace.platform.messaging;

import org.springframework.stereotype.Service;

/** {@link Messenger} that checks the template and persists the message in the outbox. */
@Service
public class OutboxMessenger implements Messenger {

    private final MessageOutbox outbox;
    private final NotificationTemplates templates;

    public OutboxMessenger(MessageOutbox outbox, NotificationTemplates templates) {
        this.outbox = outbox;
        this.templates = templates;
    }

    @Override
    public String send(OutgoingMessage message) {
        if (!templates.exists(message.templateKey())) {
            throw new IllegalArgumentException("unknown notification template "
                    + message.templateKey());
        }
        return outbox.add(message);
    }
}

package org.agencyworkspace.platform.messaging;

import java.util.List;
import org.agencyworkspace.directory.StaffDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The embedded default channel: messages land in the in-app inbox. A group message becomes one
 * personal message per member; a room message is shown to everyone signed in. Always present:
 * it is the chat channel on the embedded default, and the choice of those who prefer the inbox
 * (and where mailed notices point) when chat is Matrix.
 */
@Component
public class InboxDeliveryChannel implements DeliveryChannel {

    private final InboxMessages inbox;
    private final StaffDirectory directory;

    public InboxDeliveryChannel(InboxMessages inbox, StaffDirectory directory) {
        this.inbox = inbox;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "inbox";
    }

    /** One transaction: every member of a group gets the message, or none does and it is retried. */
    @Override
    @Transactional
    public void deliver(RenderedMessage message) {
        Recipient recipient = message.recipient();
        switch (recipient.kind()) {
            case USER -> {
                if (directory.find(recipient.id()).isEmpty()) {
                    throw new IllegalArgumentException("no staff member " + recipient.id());
                }
                inbox.addOnce(message.messageId(), Recipient.Kind.USER, recipient.id(),
                        message.subject(), message.body());
            }
            case GROUP -> {
                List<String> members = directory.membersOf(recipient.id());
                if (members.isEmpty() && !directory.groupExists(recipient.id())) {
                    throw new IllegalArgumentException("no group " + recipient.id());
                }
                members.forEach(login -> inbox.addOnce(message.messageId(), Recipient.Kind.USER,
                        login, message.subject(), message.body()));
            }
            case ROOM -> inbox.addOnce(message.messageId(), Recipient.Kind.ROOM, recipient.id(),
                    message.subject(), message.body());
        }
    }
}

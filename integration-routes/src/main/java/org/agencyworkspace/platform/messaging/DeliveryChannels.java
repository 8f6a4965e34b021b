package org.agencyworkspace.platform.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Chooses the channels of one rendered message. A person's own message goes where they chose
 * ({@link DeliveryPreferences}); a group's and a room's go to the chat channel, and a group's
 * members who chose mail get it by mail as well.
 *
 * <p>Mail leaves the workspace, so only a template declared mail-safe
 * ({@link NotificationTemplates#mailSafe}) is written into it. For any other the full text goes
 * to the person's inbox and the mail says only that there is something to look at, with a link
 * ({@code mail.notice}): a notice about a labelled file never puts its name or level in a mail.
 *
 * <p>Push is one more channel on top of these, for the templates that name a
 * {@link PushCategory}: each addressed person with a device that wants it gets a title and a
 * link. The title is the subject only for a mail-safe template, otherwise the category's own
 * ({@code push.title.<category>}), so a locked screen never shows a labelled file's name.
 */
@Component
public class DeliveryChannels {

    static final String MAIL_NOTICE = "mail.notice";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryChannels.class);

    static final String PUSH_TITLE = "push.title.";

    private final DeliveryChannel chat;
    private final InboxDeliveryChannel inbox;
    private final InboxMessages inboxMessages;
    private final MailChannel mail;
    private final PushChannel push;
    private final DeliveryPreferences preferences;
    private final StaffDirectory directory;
    private final NotificationTemplates templates;
    private final String inboxLink;

    @Autowired
    public DeliveryChannels(List<DeliveryChannel> channels, InboxDeliveryChannel inbox,
            InboxMessages inboxMessages, ObjectProvider<MailChannel> mail,
            ObjectProvider<PushChannel> push, DeliveryPreferences preferences,
            StaffDirectory directory, NotificationTemplates templates,
            MessagingProperties properties, WorkspaceProperties workspace) {
        this(chatChannel(channels, properties), inbox, inboxMessages, mail.getIfAvailable(),
                push.getIfAvailable(), preferences, directory, templates,
                workspace.publicBase() + "/inbox");
    }

    DeliveryChannels(DeliveryChannel chat, InboxDeliveryChannel inbox, InboxMessages inboxMessages,
            MailChannel mail, DeliveryPreferences preferences, StaffDirectory directory,
            NotificationTemplates templates, String inboxLink) {
        this(chat, inbox, inboxMessages, mail, null, preferences, directory, templates, inboxLink);
    }

    DeliveryChannels(DeliveryChannel chat, InboxDeliveryChannel inbox, InboxMessages inboxMessages,
            MailChannel mail, PushChannel push, DeliveryPreferences preferences,
            StaffDirectory directory, NotificationTemplates templates, String inboxLink) {
        this.chat = chat;
        this.inbox = inbox;
        this.inboxMessages = inboxMessages;
        this.mail = mail;
        this.push = push;
        this.preferences = preferences;
        this.directory = directory;
        this.templates = templates;
        this.inboxLink = inboxLink;
    }

    private static DeliveryChannel chatChannel(List<DeliveryChannel> channels,
            MessagingProperties properties) {
        String name = properties.channel().name().toLowerCase(Locale.ROOT);
        return channels.stream().filter(channel -> channel.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no delivery channel " + name));
    }

    /** The chat channel's name, for the log. */
    public String chatName() {
        return chat.name();
    }

    /**
     * Delivers the message on every channel it is due on. Each channel is idempotent on the
     * message id, so a retry after a partial failure repeats nothing that went through.
     */
    public void deliver(RenderedMessage message, String templateKey) {
        Recipient recipient = message.recipient();
        if (recipient.kind() == Recipient.Kind.USER) {
            if (directory.find(recipient.id()).isEmpty()) {
                throw new IllegalArgumentException("no staff member " + recipient.id());
            }
            switch (preferences.effective(recipient.id())) {
                case CHAT -> chat.deliver(message);
                case INBOX -> inbox.deliver(message);
                case MAIL -> {
                    if (!mailTo(recipient.id(), message.messageId(), message, templateKey)) {
                        chat.deliver(message);
                    }
                }
            }
            pushTo(List.of(recipient.id()), message, templateKey);
            return;
        }
        chat.deliver(message);
        if (recipient.kind() == Recipient.Kind.GROUP && mail != null) {
            mailGroupMembers(message, templateKey, recipient.id());
        }
        if (recipient.kind() == Recipient.Kind.GROUP) {
            pushTo(directory.membersOf(recipient.id()), message, templateKey);
        }
    }

    /**
     * Pushes the notice to each person's devices, under a push id per person; a permanent
     * refusal for one stops no other and is thrown at the end, a transient failure at once (the
     * retry skips whoever was reached).
     */
    private void pushTo(List<String> logins, RenderedMessage message, String templateKey) {
        Optional<PushCategory> category = templates.pushCategory(templateKey);
        if (push == null || category.isEmpty()) {
            return;
        }
        String title = templates.mailSafe(templateKey) ? message.subject()
                : templates.text(PUSH_TITLE + category.get().key(), Map.of(), message.locale());
        IllegalArgumentException refused = null;
        for (String login : logins) {
            try {
                push.push(message.messageId() + "." + login, login, category.get(), title);
            } catch (IllegalArgumentException e) {
                LOG.warn("Message {} not pushed to {}: {}", message.messageId(), login, e.getMessage());
                refused = refused == null ? e : refused;
            }
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** Every member who chose mail, each under a mail id of their own; one refusal stops no other. */
    private void mailGroupMembers(RenderedMessage message, String templateKey, String group) {
        IllegalArgumentException refused = null;
        for (String login : directory.membersOf(group)) {
            if (preferences.effective(login) != DeliveryPreference.MAIL) {
                continue;
            }
            try {
                mailTo(login, message.messageId() + "." + login, message, templateKey);
            } catch (IllegalArgumentException e) {
                LOG.warn("Group message {} not mailed to {}: {}", message.messageId(), login, e.getMessage());
                refused = refused == null ? e : refused;
            }
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** @return false when there is no mail channel or no address: the caller uses chat instead */
    private boolean mailTo(String login, String mailId, RenderedMessage message, String templateKey) {
        if (mail == null) {
            return false;
        }
        if (templates.mailSafe(templateKey)) {
            return mail.mail(mailId, login, message.subject(), message.body(), true);
        }
        // The text itself waits behind the sign-in, where the link leads, before the mail says so.
        inboxMessages.addOnce(message.messageId(), Recipient.Kind.USER, login, message.subject(),
                message.body());
        Locale locale = message.locale();
        Map<String, String> notice = Map.of("link", inboxLink);
        return mail.mail(mailId, login, templates.subject(MAIL_NOTICE, notice, locale),
                templates.body(MAIL_NOTICE, notice, locale), false);
    }
}

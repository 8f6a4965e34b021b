package org.agencyworkspace.platform.messaging;

/** Where a person wants their own messages: the chat channel, mail, or the in-app inbox. */
public enum DeliveryPreference {
    /** The agency's chat channel ({@code workspace.messaging.channel}): Matrix, or the inbox. */
    CHAT,
    /** Mail to the person's work address; only what may leave the workspace is written in it. */
    MAIL,
    /** The in-app inbox of the workspace. */
    INBOX
}

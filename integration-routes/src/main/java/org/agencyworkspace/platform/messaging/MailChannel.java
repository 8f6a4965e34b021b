package org.agencyworkspace.platform.messaging;

/**
 * Mails one rendered text to one person. Present only while outgoing mail is configured
 * ({@code workspace.mail.host}). Idempotent on {@code mailId}: a mail the server accepted once is
 * not sent again, and the Message-ID header is derived from it.
 */
public interface MailChannel {

    /**
     * Mails the text unless a mail with this id was already sent.
     *
     * @param fullText whether the text is the message itself (recorded for operators) or only a
     *     notice pointing to the workspace
     * @return false when the person has no mail address (nothing was sent)
     * @throws DeliveryDeferredException when the mail server cannot take it now
     * @throws IllegalArgumentException when the address or the mail is refused permanently
     */
    boolean mail(String mailId, String login, String subject, String body, boolean fullText);
}

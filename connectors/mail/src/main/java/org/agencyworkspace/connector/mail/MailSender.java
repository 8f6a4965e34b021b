package org.agencyworkspace.connector.mail;

/** Hands outgoing mail to the agency's mail server. Build the SMTP one with {@link SmtpMailSenderBuilder}. */
public interface MailSender {

    /**
     * Sends; throws org.agencyworkspace.connector.TransientConnectorException when the server is
     * unreachable or answers 4xx (retry later), IllegalArgumentException for an invalid address or
     * a permanent 5xx refusal.
     *
     * @throws org.agencyworkspace.connector.PermanentConnectorException when the server refuses
     *     the workspace itself (wrong credentials, TLS required but not offered): a
     *     misconfiguration an operator has to fix before a resend can succeed
     */
    void send(MailMessage message);
}

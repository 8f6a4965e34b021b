package org.agencyworkspace.connector.mail;

import java.util.List;
import java.util.Objects;

/**
 * One outgoing mail. messageId is stable per logical message so a resend can be recognised.
 *
 * @param messageId the caller's id of this logical message; the {@code Message-ID} header is
 *     derived from it, so sending the same message twice gives the same header and a receiving
 *     system (or a person's mail client) can tell a resend from a new mail
 * @param to the recipients' addresses (RFC 5322 {@code addr-spec}, e.g. {@code amy@agency.example})
 * @param subject one line; a line break or other control character is refused (it could smuggle
 *     in headers)
 * @param textBody the plain-text body, sent as UTF-8
 */
public record MailMessage(String messageId, List<String> to, String subject, String textBody) {

    public MailMessage {
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.isBlank()) {
            throw new IllegalArgumentException("messageId must not be blank");
        }
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
    }
}

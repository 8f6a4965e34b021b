package org.agencyworkspace.platform.messaging;

import java.util.Locale;

/**
 * A message ready for a channel: template rendered in one language.
 *
 * @param messageId the outbox id; channels use it to deliver at most once
 * @param recipient who receives it
 * @param locale the language it was rendered in
 * @param subject one line
 * @param body plain text
 */
public record RenderedMessage(String messageId, Recipient recipient, Locale locale,
        String subject, String body) {
}

package org.agencyworkspace.platform.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A notification to send: the text comes from a template, rendered in the recipient's language.
 *
 * @param recipient who receives it
 * @param templateKey the template, e.g. {@code connector.down}; its subject and body live in
 *     {@code messages/notifications*.properties}
 * @param parameters values for the template's {@code {name}} placeholders; never secrets
 * @param locale language to render in; null means the recipient's own or the workspace default
 */
public record OutgoingMessage(Recipient recipient, String templateKey,
        Map<String, String> parameters, Locale locale) {

    public OutgoingMessage {
        Objects.requireNonNull(recipient, "recipient");
        if (templateKey == null || !templateKey.matches("[a-z0-9][a-z0-9.-]{0,99}")) {
            throw new IllegalArgumentException("template key must be lower-case words joined by "
                    + "dots or dashes: " + templateKey);
        }
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static OutgoingMessage of(Recipient recipient, String templateKey,
            Map<String, String> parameters) {
        return new OutgoingMessage(recipient, templateKey, parameters, null);
    }
}

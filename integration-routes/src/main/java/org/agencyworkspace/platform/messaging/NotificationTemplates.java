package org.agencyworkspace.platform.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Renders notification templates from {@code messages/notifications*.properties}: each template
 * has a {@code <key>.subject} and a {@code <key>.body}, with {@code {name}} placeholders filled
 * from the message parameters. Named placeholders keep translations free to reorder them.
 */
@Component
public class NotificationTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private final MessageSource notifications;

    public NotificationTemplates(
            @Qualifier("notificationMessageSource") MessageSource notificationMessageSource) {
        this.notifications = notificationMessageSource;
    }

    /** Whether the template exists (in the fallback language at least). */
    public boolean exists(String templateKey) {
        try {
            notifications.getMessage(templateKey + ".subject", null, Locale.ROOT);
            notifications.getMessage(templateKey + ".body", null, Locale.ROOT);
            return true;
        } catch (NoSuchMessageException e) {
            return false;
        }
    }

    /**
     * Whether the template's text may be written into a mail: only when it says so with
     * {@code <key>.mail=full}. Fail closed: a template that does not (an integrator's new one
     * included) is mailed only as a notice with a link.
     */
    public boolean mailSafe(String templateKey) {
        try {
            return "full".equals(notifications.getMessage(templateKey + ".mail", null, Locale.ROOT).strip());
        } catch (NoSuchMessageException e) {
            return false;
        }
    }

    /**
     * Which kind of notice the template is for pushing to devices ({@code <key>.push}); empty
     * when it says none, and then it is not pushed.
     */
    public java.util.Optional<PushCategory> pushCategory(String templateKey) {
        try {
            return PushCategory.of(notifications.getMessage(templateKey + ".push", null, Locale.ROOT));
        } catch (NoSuchMessageException e) {
            return java.util.Optional.empty();
        }
    }

    /** The subject in {@code locale}, placeholders filled. */
    public String subject(String templateKey, Map<String, String> parameters, Locale locale) {
        return fill(notifications.getMessage(templateKey + ".subject", null, locale), parameters);
    }

    /** The body in {@code locale}, placeholders filled. */
    public String body(String templateKey, Map<String, String> parameters, Locale locale) {
        return fill(notifications.getMessage(templateKey + ".body", null, locale), parameters);
    }

    /**
     * A single text (not a subject/body template) in {@code locale}, placeholders filled: chat
     * answers and other short texts kept next to the templates they go with.
     *
     * @throws NoSuchMessageException when the key does not exist
     */
    public String text(String key, Map<String, String> parameters, Locale locale) {
        return fill(notifications.getMessage(key, null, locale), parameters);
    }

    /** Unknown placeholders stay visible, so a missing parameter shows up instead of vanishing. */
    static String fill(String template, Map<String, String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            matcher.appendReplacement(out,
                    Matcher.quoteReplacement(value != null ? value : matcher.group()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}

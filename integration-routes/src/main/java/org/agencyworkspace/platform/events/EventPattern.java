package org.agencyworkspace.platform.events;

import java.util.regex.Pattern;

/**
 * What a subscriber listens to: one event name ({@code file.labelled}), every event under a
 * prefix ({@code file.*}) or everything ({@code *}).
 */
public record EventPattern(String text) {

    private static final Pattern SYNTAX =
            Pattern.compile("\\*|[a-z0-9-]+(\\.[a-z0-9-]+)*(\\.\\*)?");

    public EventPattern {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("event pattern must be an event name such as"
                    + " file.labelled, a prefix such as file.*, or *: " + text);
        }
    }

    public boolean matches(String eventType) {
        if (text.equals("*")) {
            return true;
        }
        if (text.endsWith(".*")) {
            return eventType.startsWith(text.substring(0, text.length() - 1));
        }
        return text.equals(eventType);
    }
}

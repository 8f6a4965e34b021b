package org.agencyworkspace.platform.messaging;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of notice a person may have pushed to their devices. A template says which it is with
 * {@code <key>.push=approvals|reminders|incidents}; a template that does not is never pushed.
 */
public enum PushCategory {
    /** Something waits for the person's decision, or theirs was decided. */
    APPROVALS,
    /** A deadline or an appointment: clock-in, a meeting, a label to decide. */
    REMINDERS,
    /** A security incident or an outage an operator must look at. */
    INCIDENTS;

    /** The name in templates, settings and the API: {@code approvals}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of that name, if it is one. */
    public static Optional<PushCategory> of(String key) {
        for (PushCategory category : values()) {
            if (category.key().equals(key == null ? null : key.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}

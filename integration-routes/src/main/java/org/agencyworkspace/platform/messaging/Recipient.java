package org.agencyworkspace.platform.messaging;

import java.util.Objects;

/**
 * Who a message is for.
 *
 * @param kind a person, a group (department code or role), or a shared room
 * @param id the login, group name or room id
 */
public record Recipient(Kind kind, String id) {

    public enum Kind { USER, GROUP, ROOM }

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank() || id.length() > 255) {
            throw new IllegalArgumentException("recipient id must be 1 to 255 characters");
        }
    }

    public static Recipient user(String login) {
        return new Recipient(Kind.USER, login);
    }

    public static Recipient group(String name) {
        return new Recipient(Kind.GROUP, name);
    }

    public static Recipient room(String roomId) {
        return new Recipient(Kind.ROOM, roomId);
    }
}

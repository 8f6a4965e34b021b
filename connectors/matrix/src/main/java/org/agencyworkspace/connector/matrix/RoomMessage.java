package org.agencyworkspace.connector.matrix;

import java.util.Objects;

/**
 * The content of an {@code m.room.message} event.
 *
 * @param msgtype {@code m.notice} (what bots should send: clients do not answer notices) or
 *     {@code m.text}
 * @param body plain text, shown by every client
 * @param html the same as HTML ({@code org.matrix.custom.html}); null for plain text only
 * @param threadRoot event id this message answers in a thread ({@code m.thread}); null for none
 */
public record RoomMessage(String msgtype, String body, String html, String threadRoot) {

    public RoomMessage {
        Objects.requireNonNull(msgtype, "msgtype");
        Objects.requireNonNull(body, "body");
    }

    public static RoomMessage notice(String body) {
        return new RoomMessage("m.notice", body, null, null);
    }

    public static RoomMessage htmlNotice(String body, String html) {
        return new RoomMessage("m.notice", body, html, null);
    }

    public static RoomMessage text(String body) {
        return new RoomMessage("m.text", body, null, null);
    }

    /** The same message as a reply in the thread rooted at {@code rootEventId}. */
    public RoomMessage inThread(String rootEventId) {
        return new RoomMessage(msgtype, body, html, rootEventId);
    }
}

package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a room's timeline, as {@code /sync} or an application-service transaction gives it.
 *
 * @param roomId the room
 * @param eventId the event's id
 * @param sender who sent it
 * @param type event type, e.g. {@code m.room.message}
 * @param stateKey the state key of a state event; null for a message
 * @param content the event content as sent
 */
public record RoomEvent(String roomId, String eventId, String sender, String type,
        String stateKey, JsonNode content) {

    /** The {@code body} of a message; null when there is none. */
    public String body() {
        JsonNode body = content == null ? null : content.get("body");
        return body == null || !body.isTextual() ? null : body.asText();
    }
}

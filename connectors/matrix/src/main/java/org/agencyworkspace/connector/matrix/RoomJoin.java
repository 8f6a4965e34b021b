package org.agencyworkspace.connector.matrix;

import java.util.Objects;

/**
 * What {@link SynapseAdmin#joinRoom} did.
 *
 * @param roomId the room's id, also when it was asked for by alias
 * @param alreadyJoined true when the user was a member before this call, so nothing changed
 */
public record RoomJoin(String roomId, boolean alreadyJoined) {

    public RoomJoin {
        Objects.requireNonNull(roomId, "roomId");
    }
}

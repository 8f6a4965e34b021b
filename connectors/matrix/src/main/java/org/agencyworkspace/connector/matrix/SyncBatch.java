package org.agencyworkspace.connector.matrix;

import java.util.List;

/**
 * What one {@code GET /sync} gave.
 *
 * @param nextBatch the token for the next call's {@code since}
 * @param timeline new events of joined rooms, in order
 * @param invitedRooms ids of rooms the user is invited to
 * @param limited whether a room had more new events than the timeline limit, so some are
 *     missing from {@code timeline}
 */
public record SyncBatch(String nextBatch, List<RoomEvent> timeline, List<String> invitedRooms,
        boolean limited) {

    public SyncBatch {
        timeline = List.copyOf(timeline);
        invitedRooms = List.copyOf(invitedRooms);
    }
}

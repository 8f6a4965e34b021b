package org.agencyworkspace.connector.video;

import java.time.Instant;
import java.util.Objects;

/**
 * The meeting as a video service needs it.
 *
 * @param id the workspace's meeting id; rooms are named after it (letters, digits, dash)
 * @param title the title shown in the room
 * @param start when it starts
 * @param end when it ends; join tokens expire after it
 * @param recordingAllowed false for classified meetings: the room is created without recording
 */
public record VideoMeeting(String id, String title, Instant start, Instant end,
        boolean recordingAllowed) {

    public VideoMeeting {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("meeting id must be 1 to 64 letters, digits or dashes");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
    }
}

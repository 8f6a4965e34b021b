package org.agencyworkspace.meetings;

import org.agencyworkspace.platform.RefusedException;

/** The room is booked by another meeting for part of the time asked for. */
public class MeetingConflictException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public MeetingConflictException(String message) {
        super(Kind.CONFLICT, "Room taken", message);
    }
}

package org.agencyworkspace.meetings;

/** The room is booked by another meeting for part of the time asked for. */
public class MeetingConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MeetingConflictException(String message) {
        super(message);
    }
}

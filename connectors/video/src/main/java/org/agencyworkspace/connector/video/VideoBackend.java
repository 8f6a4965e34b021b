package org.agencyworkspace.connector.video;

/**
 * A video meeting service: opens a room for a meeting, hands each person their own join link,
 * and ends the room. One implementation per service ({@link JitsiBackend},
 * {@link BigBlueButtonBackend}); which one runs is configuration.
 */
public interface VideoBackend {

    /** The service's short name, for logs and audit ({@code jitsi}, {@code bigbluebutton}). */
    String name();

    /**
     * Opens (or, for a service without rooms to create, names) the meeting's room. Calling it
     * again for the same meeting id is harmless: the same room is returned.
     *
     * @throws org.agencyworkspace.connector.ConnectorException when the service refuses or
     *     cannot be reached
     */
    VideoRoom open(VideoMeeting meeting);

    /**
     * A join link for one person, valid for this meeting only.
     *
     * @param moderator true for the organiser: may mute, admit and end
     */
    java.net.URI joinLink(VideoMeeting meeting, Participant participant, boolean moderator);

    /**
     * The people in the meeting's room now, as the service reports them, each with the id the
     * workspace gave them in their join link; empty when the meeting is not running, or when the
     * service reports no participants (see each implementation).
     *
     * @throws org.agencyworkspace.connector.ConnectorException when the service refuses or
     *     cannot be reached
     */
    java.util.List<Participant> participants(VideoMeeting meeting);

    /**
     * Ends the meeting for everyone in it (after the meeting, or when it is cancelled).
     *
     * @throws org.agencyworkspace.connector.ConnectorException when the service refuses or
     *     cannot be reached
     */
    void end(VideoMeeting meeting);
}

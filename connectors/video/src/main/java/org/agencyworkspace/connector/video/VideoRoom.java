package org.agencyworkspace.connector.video;

import java.net.URI;

/**
 * The room a video service opened.
 *
 * @param backend which service
 * @param roomName the service's name for the room
 * @param roomUrl the room's address without any credential (safe to store; joining needs a
 *     link from {@link VideoBackend#joinLink})
 * @param dialInPin the PIN the service's SIP or phone gateway admits a room system to this
 *     meeting with, as the service published it; null when it publishes none
 */
public record VideoRoom(String backend, String roomName, URI roomUrl, String dialInPin) {

    /** A room for which the service publishes no dial-in PIN. */
    public VideoRoom(String backend, String roomName, URI roomUrl) {
        this(backend, roomName, roomUrl, null);
    }
}

package org.agencyworkspace.connector.video;

import java.net.URI;

/**
 * The room a video service opened.
 *
 * @param backend which service
 * @param roomName the service's name for the room
 * @param roomUrl the room's address without any credential (safe to store; joining needs a
 *     link from {@link VideoBackend#joinLink})
 */
public record VideoRoom(String backend, String roomName, URI roomUrl) {
}

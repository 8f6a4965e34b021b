package org.agencyworkspace.platform.messaging;

import java.util.Collection;

/**
 * Makes people members of a named room of the messaging channel, so a room's notices reach the
 * people it is for (a meeting's attendees, say). Only a channel whose rooms have members has one
 * (Matrix); the in-app inbox shows room messages to everyone signed in and needs none.
 * Implementations must be idempotent: adding someone twice changes nothing.
 */
public interface RoomMembers {

    /**
     * Adds each person to the room {@link Recipient#room(String)} names, creating the room on
     * first use. A person the channel refuses (no account, say) is logged and does not keep the
     * others out.
     *
     * @throws org.agencyworkspace.connector.TransientConnectorException when the channel cannot
     *     be reached; calling again later is safe
     */
    void add(String room, Collection<String> logins);
}

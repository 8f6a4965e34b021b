package org.agencyworkspace.chat;

import java.util.Collection;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.platform.messaging.RoomMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Room membership on Matrix: the bot invites each person to the named room it keeps. */
public class MatrixRoomMembers implements RoomMembers {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixRoomMembers.class);

    private final MatrixClient bot;
    private final ChatRooms rooms;

    public MatrixRoomMembers(MatrixClient bot, ChatRooms rooms) {
        this.bot = bot;
        this.rooms = rooms;
    }

    @Override
    public void add(String room, Collection<String> logins) {
        String roomId = rooms.namedRoom(room);
        for (String login : logins) {
            try {
                bot.invite(roomId, rooms.userId(login), null);
            } catch (PermanentConnectorException noAccount) {
                // Someone without a Matrix account yet must not keep the others out; the room's
                // notices also reach each person directly.
                LOG.warn("{} not added to chat room {}: {}", login, room, noAccount.getMessage());
            }
        }
    }
}

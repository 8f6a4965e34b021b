package org.agencyworkspace.chat;

import java.util.List;
import java.util.function.Supplier;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.identity.IdentityChanges.Kind;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.provisioning.MatrixRoomMembership;

/**
 * Room membership that follows the org chart: a person is invited to the agency's Space and to
 * the room of each of their departments, and to the security room while they hold the security
 * role; a mover is removed from the rooms of departments they left; a leaver from all of them.
 * Invitations, not forced joins: people accept them in Element, as they would a colleague's.
 */
public class OrgChartRooms implements MatrixRoomMembership {

    private static final String REASON = "org chart";

    private final MatrixClient bot;
    private final ChatRooms rooms;
    private final Supplier<List<String>> departmentCodes;
    private final String securityRole;

    public OrgChartRooms(MatrixClient bot, ChatRooms rooms, Supplier<List<String>> departmentCodes,
            String securityRole) {
        this.bot = bot;
        this.rooms = rooms;
        this.departmentCodes = departmentCodes;
        this.securityRole = securityRole;
    }

    @Override
    public void follow(Kind kind, IdentityDraft person, String userId) {
        boolean staying = kind != Kind.LEAVE && person.active();
        for (String code : departmentCodes.get()) {
            if (staying && person.departments().contains(code)) {
                bot.invite(rooms.departmentRoom(code), userId, REASON);
            } else {
                rooms.existingDepartmentRoom(code).ifPresent(room -> bot.kick(room, userId, REASON));
            }
        }
        if (staying && person.roles().contains(securityRole)) {
            bot.invite(rooms.securityRoom(), userId, REASON);
        } else {
            bot.kick(rooms.securityRoom(), userId, REASON);
        }
        if (staying) {
            bot.invite(rooms.space(), userId, REASON);
        } else {
            bot.kick(rooms.space(), userId, REASON);
        }
    }
}

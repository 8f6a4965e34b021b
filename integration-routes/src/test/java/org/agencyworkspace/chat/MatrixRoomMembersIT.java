package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.connector.matrix.SynapseUserUpdate;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Room membership on the real Synapse of the local stack, as a meeting's room uses it. */
class MatrixRoomMembersIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String PASSWORD = "Room-members-" + UUID.randomUUID();
    static final SynapseAdmin SYNAPSE = ProvisioningStack.synapse("WORKSPACE_ROOM_MEMBERS_IT");
    static final MatrixClient BOT = MatrixStack.bot();
    static final String ALICE = "rm-alice-" + RUN;
    static final String BOB = "rm-bob-" + RUN;

    final ChatRooms rooms = new ChatRooms(BOT, MatrixStack.SERVER_NAME, new ChatProperties("agency-workspace",
            "as", "hs", "aw-bot", "aw_", URI.create("http://127.0.0.1:8080"), "aw-", "Agency", "security",
            "security-officer", Duration.ofMillis(500), Duration.ofSeconds(2)),
            new OrgChart(new TestDatabase().jdbc()));
    final MatrixRoomMembers members = new MatrixRoomMembers(BOT, rooms);

    @AfterAll
    static void removeAccounts() {
        List.of(ALICE, BOB).forEach(name -> SYNAPSE.deactivate(id(name), true));
    }

    static String id(String login) {
        return MatrixUserId.of(login, MatrixStack.SERVER_NAME);
    }

    @Test
    void everyoneNamedIsInvitedSomeoneWithoutAnAccountHoldsNobodyBackAndTheInvitedCanJoin() {
        SYNAPSE.createOrUpdateUser(new SynapseUserUpdate(id(ALICE), "Alice", null, null, false, PASSWORD));
        SYNAPSE.createOrUpdateUser(new SynapseUserUpdate(id(BOB), "Bob", null, null, false, PASSWORD));
        String room = "meeting-it" + RUN;

        members.add(room, List.of("rm-ghost-" + RUN, ALICE, BOB));
        members.add(room, List.of(ALICE, BOB)); // again, as a replayed event would

        String roomId = rooms.namedRoom(room);
        assertThat(BOT.membership(roomId, id(BOB))).contains("invite");
        // The room is invite-only: Alice gets in because she was invited.
        MatrixClient alice = MatrixStack.login(ALICE, PASSWORD);
        alice.join(roomId);
        assertThat(BOT.joinedMembers(roomId)).contains(id(ALICE));
    }
}

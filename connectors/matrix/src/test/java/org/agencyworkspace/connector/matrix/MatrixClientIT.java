package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Client-Server API against the real Synapse of deploy/local, as the workspace's application
 * service ({@code as_token} from {@code stack env}) and as namespaced users it creates. Rooms are
 * named after this run and deleted afterwards.
 */
class MatrixClientIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static String serverName;
    private static MatrixClient bot;
    private static SynapseTestClient admin;
    private static String adminToken;
    private static final List<String> ROOMS = new ArrayList<>();

    @BeforeAll
    static void connect() {
        URI url = URI.create(StackEnvironment.require("WORKSPACE_MATRIX_URL"));
        serverName = StackEnvironment.require("WORKSPACE_MATRIX_SERVER_NAME");
        bot = MatrixClient.builder().homeserverUrl(url)
                .accessToken(StackEnvironment.require("WORKSPACE_MATRIX_AS_TOKEN")).build();
        admin = new SynapseTestClient(url);
        adminToken = admin.login(StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_USER"),
                StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_PASSWORD"), "IT_MATRIX_CLIENT_" + RUN);
    }

    @AfterAll
    static void cleanUp() {
        ROOMS.forEach(room -> admin.deleteRoom(adminToken, room));
        admin.logout(adminToken);
    }

    @Test
    void theBotIsTheRegisteredSenderAndActsAsNamespacedUsers() {
        assertThat(bot.whoAmI()).isEqualTo("@aw-bot:" + serverName);
        String localpart = "aw_it_" + RUN;

        assertThat(bot.registerNamespacedUser(localpart)).isTrue();
        assertThat(bot.registerNamespacedUser(localpart)).isFalse();
        assertThat(bot.actingAs("@" + localpart + ":" + serverName).whoAmI())
                .isEqualTo("@" + localpart + ":" + serverName);
    }

    @Test
    void aResentTransactionIdPostsOnceAndTheReaderSeesItOnce() {
        String readerId = namespacedUser("reader");
        MatrixClient reader = bot.actingAs(readerId);
        String roomId = room(RoomSpec.privateRoom("IT notices " + RUN, "aw-it-notices-" + RUN));
        assertThat(bot.invite(roomId, readerId, "test")).isTrue();
        assertThat(bot.invite(roomId, readerId, "test")).isFalse();
        reader.join(roomId);
        String since = reader.sync(null, Duration.ZERO).nextBatch();

        String txnId = "it-" + RUN;
        RoomMessage notice = RoomMessage.htmlNotice("公文 待核 https://ws.test/a/1",
                "<b>公文</b> 待核 <a href=\"https://ws.test/a/1\">open</a>");
        String first = bot.send(roomId, txnId, notice);
        String again = bot.send(roomId, txnId, notice);
        String other = bot.send(roomId, txnId + "-2", RoomMessage.notice("second"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        List<RoomEvent> seen = readUntil(reader, since, roomId, 2);
        assertThat(seen).extracting(RoomEvent::eventId).containsExactly(first, other);
        assertThat(seen.get(0).content().get("formatted_body").asText()).contains("<b>公文</b>");
        assertThat(seen.get(0).content().get("msgtype").asText()).isEqualTo("m.notice");
        assertThat(seen.get(0).sender()).isEqualTo("@aw-bot:" + serverName);
    }

    @Test
    void createsASpaceWithPowerLevelsAliasAndChildState() {
        String memberId = namespacedUser("lead");
        String space = room(RoomSpec.privateRoom("IT agency " + RUN, "aw-it-space-" + RUN).asSpace()
                .withPowerLevels(Map.of(memberId, 50)));
        String child = room(RoomSpec.privateRoom("IT dept " + RUN, null).withTopic("topic " + RUN));

        bot.putState(space, "m.space.child", child,
                MatrixHttp.JSON.createObjectNode().set("via",
                        MatrixHttp.JSON.createArrayNode().add(serverName)));

        assertThat(bot.resolveAlias("#aw-it-space-" + RUN + ":" + serverName)).contains(space);
        assertThat(bot.resolveAlias("#aw-it-none-" + RUN + ":" + serverName)).isEmpty();
        assertThat(bot.state(space, "m.room.create", "").orElseThrow().get("type").asText())
                .isEqualTo("m.space");
        assertThat(bot.state(space, "m.room.power_levels", "").orElseThrow()
                .get("users").get(memberId).asInt()).isEqualTo(50);
        assertThat(bot.state(space, "m.space.child", child).orElseThrow().get("via").get(0).asText())
                .isEqualTo(serverName);
        assertThat(bot.state(child, "m.room.topic", "").orElseThrow().get("topic").asText())
                .isEqualTo("topic " + RUN);
        assertThat(bot.state(child, "m.space.child", "nothing")).isEmpty();
    }

    @Test
    void kicksAMemberAndWithdrawsAnInvitation() {
        String joinedId = namespacedUser("joined");
        String invitedId = namespacedUser("invited");
        String roomId = room(RoomSpec.privateRoom("IT kick " + RUN, null));
        bot.invite(roomId, joinedId, null);
        bot.actingAs(joinedId).join(roomId);
        bot.invite(roomId, invitedId, null);
        assertThat(bot.joinedMembers(roomId)).contains(joinedId).doesNotContain(invitedId);

        assertThat(bot.kick(roomId, joinedId, "moved")).isTrue();
        assertThat(bot.kick(roomId, invitedId, "moved")).isTrue();
        assertThat(bot.kick(roomId, invitedId, "moved")).isFalse();

        assertThat(bot.membership(roomId, joinedId)).contains("leave");
        assertThat(bot.membership(roomId, invitedId)).contains("leave");
        assertThat(bot.joinedMembers(roomId)).doesNotContain(joinedId);
    }

    @Test
    void uploadsMedia() {
        String mxc = bot.upload("note.txt", "text/plain", "通知".getBytes());

        assertThat(mxc).startsWith("mxc://" + serverName + "/");
    }

    private static String namespacedUser(String name) {
        String localpart = "aw_it_" + name + "_" + RUN;
        bot.registerNamespacedUser(localpart);
        return "@" + localpart + ":" + serverName;
    }

    private static String room(RoomSpec spec) {
        String roomId = bot.createRoom(spec);
        ROOMS.add(roomId);
        return roomId;
    }

    /** Messages of the room seen by /sync until {@code count} arrived or 20 s passed. */
    static List<RoomEvent> readUntil(MatrixClient reader, String since, String roomId, int count) {
        List<RoomEvent> seen = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(20);
        String token = since;
        while (seen.size() < count && Instant.now().isBefore(deadline)) {
            SyncBatch batch = reader.sync(token, Duration.ofSeconds(2));
            batch.timeline().stream().filter(event -> event.roomId().equals(roomId)
                    && "m.room.message".equals(event.type())).forEach(seen::add);
            token = batch.nextBatch();
        }
        return seen;
    }
}

package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Synapse of deploy/local. Every account and room is named after this run and
 * removed afterwards (Synapse cannot delete accounts: they are deactivated and erased). The
 * connector logs in on a device of its own, so other users of the shared admin account keep
 * their sessions.
 */
class SynapseAdminIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CONNECTOR_DEVICE = "IT_SYNAPSE_ADMIN_" + RUN;
    private static final String CLIENT_DEVICE = "IT_SYNAPSE_CLIENT_" + RUN;

    private static URI url;
    private static String serverName;
    private static String adminUser;
    private static String adminPassword;
    private static String adminUserId;
    private static SynapseTestClient client;
    private static String clientToken;
    private static SynapseAdmin admin;

    private final List<String> usersToErase = new ArrayList<>();
    private final List<String> roomsToDelete = new ArrayList<>();

    @BeforeAll
    static void connect() {
        url = URI.create(StackEnvironment.require("WORKSPACE_MATRIX_URL"));
        serverName = StackEnvironment.require("WORKSPACE_MATRIX_SERVER_NAME");
        adminUser = StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_USER");
        adminPassword = StackEnvironment.require("WORKSPACE_MATRIX_ADMIN_PASSWORD");
        adminUserId = MatrixUserId.of(adminUser, serverName);
        client = new SynapseTestClient(url);
        clientToken = client.login(adminUser, adminPassword, CLIENT_DEVICE);
        admin = SynapseAdmin.builder().homeserverUrl(url).login(adminUser, adminPassword)
                .deviceId(CONNECTOR_DEVICE).build();
    }

    @AfterEach
    void cleanUp() {
        usersToErase.forEach(userId -> admin.deactivate(userId, true));
        roomsToDelete.forEach(roomId -> client.deleteRoom(clientToken, roomId));
    }

    @AfterAll
    static void logOut() {
        if (client.deviceIds(clientToken, adminUserId).contains(CONNECTOR_DEVICE)) {
            client.deleteDevice(clientToken, adminUserId, CONNECTOR_DEVICE);
        }
        client.logout(clientToken);
    }

    @Test
    void createsModifiesDeactivatesAndReactivatesAUser() {
        String userId = newUserId("it-lifecycle-" + RUN);
        Instant beforeCreation = Instant.now().minusSeconds(5);

        UpdatedUser created = admin.createOrUpdateUser(SynapseUserUpdate.of(userId)
                .withDisplayName("測試 Lifecycle").withEmail("Lifecycle." + RUN + "@Agency.test")
                .withPassword("first-" + RUN));
        UpdatedUser modified = admin.createOrUpdateUser(SynapseUserUpdate.of(userId)
                .withDisplayName("Lifecycle 二").withEmail("moved." + RUN + "@agency.test"));

        assertThat(created.created()).isTrue();
        assertThat(created.user().emails()).containsExactly("lifecycle." + RUN + "@agency.test");
        assertThat(modified.created()).isFalse();
        SynapseUser found = admin.findUser(userId).orElseThrow();
        assertThat(found).isEqualTo(modified.user());
        assertThat(found.displayName()).isEqualTo("Lifecycle 二");
        assertThat(found.emails()).containsExactly("moved." + RUN + "@agency.test");
        assertThat(found.admin()).isFalse();
        assertThat(found.deactivated()).isFalse();
        assertThat(found.createdAt()).isBetween(beforeCreation, Instant.now().plusSeconds(5));

        String userToken = client.login(userId, "first-" + RUN, null);
        assertThat(admin.deviceCount(userId)).isEqualTo(OptionalInt.of(1));
        assertThat(client.whoamiStatus(userToken)).isEqualTo(200);

        assertThat(admin.deactivate(userId, false)).isEqualTo(Deactivation.DEACTIVATED);

        SynapseUser deactivated = admin.findUser(userId).orElseThrow();
        assertThat(deactivated.deactivated()).isTrue();
        assertThat(deactivated.emails()).isEmpty();
        assertThat(deactivated.displayName()).isEqualTo("Lifecycle 二");
        assertThat(admin.deviceCount(userId)).isEqualTo(OptionalInt.of(0));
        assertThat(client.whoamiStatus(userToken)).isEqualTo(401);

        assertThat(admin.deactivate(userId, false)).isEqualTo(Deactivation.DEACTIVATED);
        assertThat(admin.findUser(userId).orElseThrow().deactivated()).isTrue();

        UpdatedUser reactivated = admin.createOrUpdateUser(SynapseUserUpdate.of(userId)
                .reactivating().withPassword("second-" + RUN));
        assertThat(reactivated.created()).isFalse();
        assertThat(reactivated.user().deactivated()).isFalse();
        assertThat(client.whoamiStatus(client.login(userId, "second-" + RUN, null)))
                .isEqualTo(200);
    }

    @Test
    void anUnknownUserIsAnOutcomeNotAFailure() {
        String nobody = MatrixUserId.of("it-nobody-" + RUN, serverName);

        assertThat(admin.findUser(nobody)).isEmpty();
        assertThat(admin.deactivate(nobody, false)).isEqualTo(Deactivation.NO_SUCH_USER);
        assertThat(admin.deviceCount(nobody)).isEmpty();
        assertThat(admin.findUser(nobody)).as("deactivating must not create it").isEmpty();
    }

    @Test
    void refusesAccountsOfOtherServers() {
        assertThatThrownBy(() -> admin.findUser("@alice:elsewhere.test"))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("local users");
    }

    @Test
    void pagesThroughUsers() {
        String prefix = "it-page-" + RUN;
        for (String suffix : List.of("a", "b", "c")) {
            admin.createOrUpdateUser(SynapseUserUpdate.of(newUserId(prefix + "-" + suffix)));
        }
        admin.deactivate(MatrixUserId.of(prefix + "-b", serverName), false);
        SynapseUserQuery query = SynapseUserQuery.all(2).withNameContaining(prefix);

        SynapseUserPage first = admin.listUsers(query);
        SynapseUserPage second = admin.listUsers(first.next().orElseThrow());

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.users()).extracting(SynapseUserSummary::userId).containsExactly(
                MatrixUserId.of(prefix + "-a", serverName),
                MatrixUserId.of(prefix + "-b", serverName));
        assertThat(first.users().get(1).deactivated()).isTrue();
        assertThat(first.users().get(0).createdAt())
                .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
        assertThat(second.users()).extracting(SynapseUserSummary::userId)
                .containsExactly(MatrixUserId.of(prefix + "-c", serverName));
        assertThat(second.next()).isEmpty();
        assertThat(admin.allUsers(query)).hasSize(3);
        assertThat(admin.allUsers(SynapseUserQuery.all(1).activeOnly().withNameContaining(prefix)))
                .extracting(SynapseUserSummary::userId).containsExactly(
                        MatrixUserId.of(prefix + "-a", serverName),
                        MatrixUserId.of(prefix + "-c", serverName));
    }

    @Test
    void joinsAUserIntoARoomTheAdminCreated() {
        String userId = newUserId("it-join-" + RUN);
        admin.createOrUpdateUser(SynapseUserUpdate.of(userId));
        String alias = "it-join-" + RUN;
        String roomId = client.createRoom(clientToken, "private_chat", alias);
        roomsToDelete.add(roomId);

        RoomJoin joined = admin.joinRoom(roomId, userId);
        RoomJoin again = admin.joinRoom(roomId, userId);
        RoomJoin byAlias = admin.joinRoom("#" + alias + ":" + serverName, userId);

        assertThat(joined).isEqualTo(new RoomJoin(roomId, false));
        assertThat(again).isEqualTo(new RoomJoin(roomId, true));
        assertThat(byAlias).isEqualTo(new RoomJoin(roomId, true));
        assertThat(client.joinedMembers(clientToken, roomId)).contains(userId, adminUserId);
    }

    @Test
    void joiningAnUnknownUserOrRoomNamesWhichIsMissing() {
        String roomId = client.createRoom(clientToken, "private_chat", "it-join-missing-" + RUN);
        roomsToDelete.add(roomId);

        assertThatThrownBy(() -> admin.joinRoom(roomId, MatrixUserId.of("it-nobody-" + RUN,
                serverName)))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("User not found");
        assertThatThrownBy(() -> admin.joinRoom("#it-no-room-" + RUN + ":" + serverName,
                adminUserId))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("not found");
    }

    @Test
    void logsInAgainWhenSynapseDropsTheAdminToken() {
        assertThat(admin.findUser(adminUserId)).isPresent();
        assertThat(client.deviceIds(clientToken, adminUserId)).contains(CONNECTOR_DEVICE);

        client.deleteDevice(clientToken, adminUserId, CONNECTOR_DEVICE);

        assertThat(admin.findUser(adminUserId).orElseThrow().admin()).isTrue();
        assertThat(client.deviceIds(clientToken, adminUserId)).as("logged in again")
                .contains(CONNECTOR_DEVICE);
    }

    @Test
    void worksWithAConfiguredAdminToken() {
        SynapseAdmin withToken = SynapseAdmin.builder().homeserverUrl(url)
                .accessToken(clientToken).build();

        assertThat(withToken.findUser(adminUserId).orElseThrow().admin()).isTrue();
        assertThat(withToken.probe().up()).isTrue();
    }

    @Test
    void probeNamesTheVersionAndChecksTheCredential() {
        ProbeResult up = admin.probe();
        SynapseAdmin wrongPassword = SynapseAdmin.builder().homeserverUrl(url)
                .login(adminUser, "not-the-password-" + RUN).deviceId(CONNECTOR_DEVICE).build();

        assertThat(up.up()).isTrue();
        assertThat(up.facts().get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(wrongPassword.probe().up()).isFalse();
        assertThatThrownBy(() -> wrongPassword.findUser(adminUserId))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageNotContaining("not-the-password");
    }

    private String newUserId(String localpart) {
        String userId = MatrixUserId.of(localpart, serverName);
        usersToErase.add(userId);
        return userId;
    }
}

package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.CannedHttpServer.Received;
import org.agencyworkspace.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against canned answers shaped like Synapse 1.163.2's (recorded from the local stack). */
class SynapseAdminTest {

    /** What the server answers for a path it does not serve. */
    private static final Answer UNSERVED_PATH = Answer.json(404, "{\"errcode\":\"M_UNRECOGNIZED\",\"error\":\"Unrecognized request\"}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LOGIN = "/_matrix/client/v3/login";
    private static final String ALICE = "@alice:workspace.test";
    private static final String ALICE_PATH = "/_synapse/admin/v2/users/%40alice%3Aworkspace.test";
    private static final String USERS = "/_synapse/admin/v2/users";
    private static final String ROOM = "!1hK5ki0wRcL9E56QfcQnXj0vQqhL5aoE4lBqca98b3s";
    private static final String ROOM_PATH = "%211hK5ki0wRcL9E56QfcQnXj0vQqhL5aoE4lBqca98b3s";

    private static final String ALICE_JSON = """
            {"name":"@alice:workspace.test","admin":false,"deactivated":false,"locked":false,
             "shadow_banned":false,"creation_ts":1795719978,"appservice_id":null,
             "consent_server_notice_sent":null,"consent_version":null,"consent_ts":null,
             "user_type":null,"is_guest":false,"suspended":false,"displayname":"Alice 陳",
             "avatar_url":null,"threepids":[{"medium":"email","address":"alice@agency.test",
             "validated_at":1795719978006,"added_at":1795719978006},{"medium":"msisdn",
             "address":"886912345678","validated_at":1795719978006,"added_at":1795719978006}],
             "external_ids":[],"erased":false,"last_seen_ts":null}""";
    private static final String NOT_FOUND =
            "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"User not found\"}";
    private static final String UNKNOWN_TOKEN = "{\"errcode\":\"M_UNKNOWN_TOKEN\","
            + "\"error\":\"Invalid access token passed.\",\"soft_logout\":false}";

    private final ScriptedHttpServer synapse = new ScriptedHttpServer(UNSERVED_PATH);

    @AfterEach
    void stop() {
        synapse.close();
    }

    @Test
    void logsInOnceOnAFixedDeviceAndReusesTheToken() throws Exception {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(200, ALICE_JSON));
        SynapseAdmin admin = loggedIn();

        admin.findUser(ALICE);
        admin.findUser(ALICE);

        List<Received> logins = synapse.received("POST", LOGIN);
        assertThat(logins).hasSize(1);
        JsonNode login = JSON.readTree(logins.get(0).body());
        assertThat(login.at("/type").asText()).isEqualTo("m.login.password");
        assertThat(login.at("/identifier/type").asText()).isEqualTo("m.id.user");
        assertThat(login.at("/identifier/user").asText()).isEqualTo("workspace-admin");
        assertThat(login.at("/password").asText()).isEqualTo("admin-secret");
        assertThat(login.at("/device_id").asText()).isEqualTo("WORKSPACE_PROVISIONING");
        assertThat(synapse.received("GET", ALICE_PATH))
                .extracting(request -> request.headers().get("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1");
    }

    @Test
    void threadsShareOneLogin() throws Exception {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(200, ALICE_JSON));
        SynapseAdmin admin = loggedIn();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<SynapseUser>>> lookups = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(() -> admin.findUser(ALICE))).toList();
            for (Future<Optional<SynapseUser>> lookup : lookups) {
                assertThat(lookup.get()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(synapse.received("POST", LOGIN)).hasSize(1);
    }

    @Test
    void logsInAgainWhenSynapseNoLongerAcceptsTheToken() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"), loginAnswer("token-2"))
                .on("GET", ALICE_PATH, Answer.json(200, ALICE_JSON),
                        Answer.json(401, UNKNOWN_TOKEN), Answer.json(200, ALICE_JSON));
        SynapseAdmin admin = loggedIn();
        admin.findUser(ALICE);

        assertThat(admin.findUser(ALICE)).isPresent();

        assertThat(synapse.received("POST", LOGIN)).hasSize(2);
        assertThat(synapse.received("GET", ALICE_PATH))
                .extracting(request -> request.headers().get("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void renewsOnlyOncePerCall() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"), loginAnswer("token-2"))
                .on("GET", ALICE_PATH, Answer.json(401, UNKNOWN_TOKEN));
        SynapseAdmin admin = loggedIn();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("M_UNKNOWN_TOKEN");
        assertThat(synapse.received("POST", LOGIN)).hasSize(2);
        assertThat(synapse.received("GET", ALICE_PATH)).hasSize(2);
    }

    @Test
    void aLockedAdminIsNotLoggedInAgain() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(401, "{\"errcode\":\"M_USER_LOCKED\","
                        + "\"error\":\"User account has been locked\",\"soft_logout\":true}"));

        assertThatThrownBy(() -> loggedIn().findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("M_USER_LOCKED");
        assertThat(synapse.received("POST", LOGIN)).hasSize(1);
    }

    @Test
    void aConfiguredTokenIsSentAsIsAndNeverRenewed() {
        synapse.on("GET", ALICE_PATH, Answer.json(401, UNKNOWN_TOKEN));
        SynapseAdmin admin = SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .accessToken("syt_configured").build();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("syt_configured");
        assertThat(synapse.received("POST", LOGIN)).isEmpty();
        assertThat(synapse.received("GET", ALICE_PATH).get(0).headers())
                .containsEntry("Authorization", "Bearer syt_configured");
    }

    @Test
    void aWrongAdminPasswordIsPermanentAndNotRepeatedInTheError() {
        synapse.on("POST", LOGIN, Answer.json(403,
                "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"Invalid username or password\"}"));
        SynapseAdmin admin = loggedIn();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("Invalid username or password")
                .hasMessageNotContaining("admin-secret");
    }

    @Test
    void createsAUserAndSaysItWasCreated() throws Exception {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("PUT", ALICE_PATH, Answer.json(201, ALICE_JSON));

        UpdatedUser result = loggedIn().createOrUpdateUser(SynapseUserUpdate.of(ALICE)
                .withDisplayName("Alice 陳").withEmail("Alice@Agency.test")
                .withPassword("first-password").reactivating());

        assertThat(result.created()).isTrue();
        assertThat(result.user().displayName()).isEqualTo("Alice 陳");
        JsonNode sent = JSON.readTree(synapse.received("PUT", ALICE_PATH).get(0).body());
        assertThat(sent).isEqualTo(JSON.readTree("""
                {"displayname":"Alice 陳",
                 "threepids":[{"medium":"email","address":"Alice@Agency.test"}],
                 "deactivated":false,"password":"first-password"}"""));
    }

    @Test
    void modifiesAnExistingUserTouchingOnlyWhatIsSet() throws Exception {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("PUT", ALICE_PATH, Answer.json(200, ALICE_JSON));

        UpdatedUser result = loggedIn().createOrUpdateUser(
                SynapseUserUpdate.of(ALICE).withDisplayName("Alice 陳").withAdmin(false));

        assertThat(result.created()).isFalse();
        assertThat(JSON.readTree(synapse.received("PUT", ALICE_PATH).get(0).body()))
                .isEqualTo(JSON.readTree("{\"displayname\":\"Alice 陳\",\"admin\":false}"));
    }

    @Test
    void readsAUserWithSecondsForItsCreationTime() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(200, ALICE_JSON));

        SynapseUser alice = loggedIn().findUser(ALICE).orElseThrow();

        assertThat(alice).isEqualTo(new SynapseUser(ALICE, "Alice 陳", false, false, false,
                Instant.ofEpochSecond(1795719978), List.of("alice@agency.test")));
    }

    @Test
    void anUnknownUserIsAbsentEverywhere() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(404, NOT_FOUND))
                .on("GET", ALICE_PATH + "/devices", Answer.json(404,
                        "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Unknown user\"}"))
                .on("POST", "/_synapse/admin/v1/deactivate/%40alice%3Aworkspace.test",
                        Answer.json(404, NOT_FOUND));
        SynapseAdmin admin = loggedIn();

        assertThat(admin.findUser(ALICE)).isEmpty();
        assertThat(admin.deviceCount(ALICE)).isEmpty();
        assertThat(admin.deactivate(ALICE, false)).isEqualTo(Deactivation.NO_SUCH_USER);
    }

    @Test
    void aMissingAdminApiIsAFailureNotAnUnknownUser() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"));
        SynapseAdmin admin = loggedIn();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("M_UNRECOGNIZED");
        assertThatThrownBy(() -> admin.deactivate(ALICE, false))
                .isInstanceOf(PermanentConnectorException.class);
    }

    @Test
    void deactivatesWithTheEraseFlag() throws Exception {
        String path = "/_synapse/admin/v1/deactivate/%40alice%3Aworkspace.test";
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("POST", path, Answer.json(200, "{\"id_server_unbind_result\":\"success\"}"));
        SynapseAdmin admin = loggedIn();

        assertThat(admin.deactivate(ALICE, true)).isEqualTo(Deactivation.DEACTIVATED);
        assertThat(admin.deactivate(ALICE, false)).isEqualTo(Deactivation.DEACTIVATED);

        assertThat(synapse.received("POST", path)).extracting(Received::body)
                .containsExactly("{\"erase\":true}", "{\"erase\":false}");
    }

    @Test
    void countsDevices() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH + "/devices", Answer.json(200, """
                        {"devices":[{"user_id":"@alice:workspace.test","device_id":"IMDCNDBXWK",
                          "display_name":null,"last_seen_user_agent":null,"last_seen_ts":null,
                          "last_seen_ip":null}],"total":1}"""),
                        Answer.json(200, "{\"devices\":[],\"total\":0}"));
        SynapseAdmin admin = loggedIn();

        assertThat(admin.deviceCount(ALICE)).isEqualTo(OptionalInt.of(1));
        assertThat(admin.deviceCount(ALICE)).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void listsUsersPageByPageWithMillisecondsForCreationTime() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", USERS, Answer.json(200, """
                        {"users":[{"name":"@alice:workspace.test","user_type":null,
                          "is_guest":false,"admin":false,"deactivated":false,
                          "shadow_banned":false,"displayname":"Alice 陳","avatar_url":null,
                          "creation_ts":1795719978000,"erased":false,"last_seen_ts":null,
                          "locked":false},
                         {"name":"@bob:workspace.test","is_guest":false,"admin":0,
                          "deactivated":1,"displayname":null,"creation_ts":null,"locked":true}],
                         "total":3,"next_token":"2"}"""),
                        Answer.json(200, """
                        {"users":[{"name":"@carol:workspace.test","admin":true,
                          "deactivated":false,"displayname":"Carol","creation_ts":1795716660000,
                          "locked":false}],"total":3}"""));
        SynapseAdmin admin = loggedIn();
        SynapseUserQuery query = SynapseUserQuery.all(2).withNameContaining("a b");

        SynapseUserPage first = admin.listUsers(query);
        SynapseUserPage second = admin.listUsers(first.next().orElseThrow());

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.users()).containsExactly(
                new SynapseUserSummary(ALICE, "Alice 陳", false, false, false,
                        Instant.ofEpochMilli(1795719978000L)),
                new SynapseUserSummary("@bob:workspace.test", null, false, true, true, null));
        assertThat(second.users()).extracting(SynapseUserSummary::userId)
                .containsExactly("@carol:workspace.test");
        assertThat(second.next()).isEmpty();
        assertThat(synapse.received("GET", USERS)).extracting(Received::path).containsExactly(
                USERS + "?limit=2&guests=false&locked=true&order_by=name&deactivated=true"
                        + "&name=a%20b",
                USERS + "?limit=2&guests=false&locked=true&order_by=name&deactivated=true"
                        + "&from=2&name=a%20b");
    }

    @Test
    void streamsAllUsersFetchingPagesOnlyWhenReached() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", USERS,
                        Answer.json(200, "{\"users\":[{\"name\":\"@a:s\"}],\"total\":2,"
                                + "\"next_token\":\"1\"}"),
                        Answer.json(200, "{\"users\":[{\"name\":\"@b:s\"}],\"total\":2}"));
        SynapseAdmin admin = loggedIn();

        assertThat(admin.allUsers(SynapseUserQuery.all(1).activeOnly()).findFirst())
                .map(SynapseUserSummary::userId).contains("@a:s");
        assertThat(synapse.received("GET", USERS)).hasSize(1);
        assertThat(synapse.received("GET", USERS).get(0).path()).contains("deactivated=false");
    }

    @Test
    void streamingWalksEveryPage() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", USERS,
                        Answer.json(200, "{\"users\":[{\"name\":\"@a:s\"}],\"total\":2,"
                                + "\"next_token\":\"1\"}"),
                        Answer.json(200, "{\"users\":[{\"name\":\"@b:s\"}],\"total\":2}"));

        assertThat(loggedIn().allUsers(SynapseUserQuery.all(1)))
                .extracting(SynapseUserSummary::userId).containsExactly("@a:s", "@b:s");
    }

    @Test
    void joinsAUserToARoom() {
        String join = "/_synapse/admin/v1/join/" + ROOM_PATH;
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("POST", join, Answer.json(200, "{\"room_id\":\"" + ROOM + "\"}"));

        assertThat(loggedIn().joinRoom(ROOM, ALICE)).isEqualTo(new RoomJoin(ROOM, false));
        assertThat(synapse.received("POST", join).get(0).body())
                .isEqualTo("{\"user_id\":\"@alice:workspace.test\"}");
    }

    @Test
    void joiningAnInviteOnlyRoomAgainIsNotAFailure() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("POST", "/_synapse/admin/v1/join/%23staff%3Aworkspace.test", alreadyInRoom())
                .on("GET", "/_matrix/client/v3/directory/room/%23staff%3Aworkspace.test",
                        Answer.json(200, "{\"room_id\":\"" + ROOM + "\",\"servers\":[]}"))
                .on("GET", "/_synapse/admin/v1/users/%40alice%3Aworkspace.test/joined_rooms",
                        Answer.json(200, "{\"joined_rooms\":[\"" + ROOM + "\"],\"total\":1}"));

        assertThat(loggedIn().joinRoom("#staff:workspace.test", ALICE))
                .isEqualTo(new RoomJoin(ROOM, true));
    }

    @Test
    void aRefusedJoinOfANonMemberStaysRefused() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("POST", "/_synapse/admin/v1/join/" + ROOM_PATH, Answer.json(403,
                        "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"You don't have permission to "
                                + "invite users\"}"))
                .on("GET", "/_synapse/admin/v1/users/%40alice%3Aworkspace.test/joined_rooms",
                        Answer.json(200, "{\"joined_rooms\":[],\"total\":0}"));

        assertThatThrownBy(() -> loggedIn().joinRoom(ROOM, ALICE))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("permission to invite");
    }

    @Test
    void refusesWhatIsNotARoom() {
        assertThatThrownBy(() -> loggedIn().joinRoom("staff", ALICE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room id");
        assertThatThrownBy(() -> loggedIn().findUser("alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user id");
        assertThat(synapse.received()).isEmpty();
    }

    @Test
    void sendsEveryIdAsOnePathSegment() {
        String path = "/_synapse/admin/v2/users/%40a%2Fb%2Bc%3Dd%3Aworkspace.test";
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", path, Answer.json(200, ALICE_JSON));

        assertThat(loggedIn().findUser("@a/b+c=d:workspace.test")).isPresent();
    }

    @Test
    void malformedAnswersArePermanentFailures() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, Answer.json(200, "<html>proxy page</html>"),
                        Answer.json(200, "{\"displayname\":\"no name\"}"),
                        Answer.json(200, "{\"name\":\"@alice:s\",\"creation_ts\":\"yesterday\"}"))
                .on("GET", USERS, Answer.json(200, "{\"total\":1}"))
                .on("GET", ALICE_PATH + "/devices", Answer.json(200, "[]"));
        SynapseAdmin admin = loggedIn();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("lacks name");
        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("creation_ts is not a number");
        assertThatThrownBy(() -> admin.listUsers(SynapseUserQuery.all(10)))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not a Synapse user list");
        assertThatThrownBy(() -> admin.deviceCount(ALICE))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void aLoginAnswerWithoutTokenIsAPermanentFailure() {
        synapse.on("POST", LOGIN, Answer.json(200, "{\"user_id\":\"@workspace-admin:s\"}"));

        assertThatThrownBy(() -> loggedIn().findUser(ALICE))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("lacks access_token");
    }

    @Test
    void serverTroubleAndRateLimitsAreTransient() {
        synapse.on("POST", LOGIN, loginAnswer("token-1"))
                .on("GET", ALICE_PATH, new Answer(502, java.util.Map.of(), "Bad Gateway"),
                        Answer.json(429, "{\"errcode\":\"M_LIMIT_EXCEEDED\","
                                + "\"error\":\"Too Many Requests\",\"retry_after_ms\":100}"));
        SynapseAdmin admin = loggedIn();

        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(TransientConnectorException.class);
        assertThatThrownBy(() -> admin.findUser(ALICE))
                .isInstanceOf(TransientConnectorException.class)
                .hasMessageContaining("M_LIMIT_EXCEEDED");
    }

    @Test
    void probeChecksTheVersionAndTheAdminCredential() {
        synapse.on("GET", "/_synapse/admin/v1/server_version",
                        Answer.json(200, "{\"server_version\":\"1.163.2\"}"))
                .on("POST", LOGIN, loginAnswer("token-1"), Answer.json(403,
                        "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"Invalid username or password\"}"))
                .on("GET", USERS, Answer.json(200, "{\"users\":[],\"total\":0}"));

        ProbeResult up = loggedIn().probe();
        ProbeResult down = loggedIn().probe();

        assertThat(up.up()).isTrue();
        assertThat(up.detail()).isEqualTo("Synapse 1.163.2, admin access accepted");
        assertThat(up.facts()).containsEntry("version", "1.163.2");
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).contains("Invalid username or password");
    }

    @Test
    void builderNamesWhatIsMissingOrContradictory() {
        assertThatThrownBy(() -> SynapseAdmin.builder().accessToken("t").build())
                .hasMessage("homeserverUrl required");
        assertThatThrownBy(() -> SynapseAdmin.builder().homeserverUrl(synapse.baseUri()).build())
                .hasMessage("accessToken or login required");
        assertThatThrownBy(() -> SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .accessToken("t").login("admin", "pw").build())
                .hasMessage("set either accessToken or login, not both");
        assertThatThrownBy(() -> SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .login("admin", " ").build())
                .hasMessage("login password required");
        assertThatThrownBy(() -> SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .login("admin", "pw").deviceId("").build())
                .hasMessage("deviceId required");
    }

    @Test
    void secretsNeverShowInToString() {
        assertThat(SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .login("workspace-admin", "admin-secret").toString())
                .contains("workspace-admin").doesNotContain("admin-secret");
        assertThat(SynapseAdmin.builder().accessToken("syt_secret").toString())
                .doesNotContain("syt_secret");
        assertThat(AdminCredential.ofLogin("workspace-admin", "admin-secret", "D").toString())
                .doesNotContain("admin-secret");
        assertThat(AdminCredential.ofAccessToken("syt_secret").toString())
                .doesNotContain("syt_secret");
        assertThat(SynapseUserUpdate.of(ALICE).withPassword("user-secret").toString())
                .contains("password=******").doesNotContain("user-secret");
    }

    @Test
    void updatesAndQueriesRefuseNonsense() {
        assertThatThrownBy(() -> SynapseUserUpdate.of("alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynapseUserUpdate.of(ALICE).withEmail(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SynapseUserQuery.all(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SynapseAdmin loggedIn() {
        return SynapseAdmin.builder().homeserverUrl(synapse.baseUri())
                .login("workspace-admin", "admin-secret").build();
    }

    private static Answer loginAnswer(String token) {
        return Answer.json(200, "{\"user_id\":\"@workspace-admin:workspace.test\","
                + "\"access_token\":\"" + token + "\",\"home_server\":\"workspace.test\","
                + "\"device_id\":\"WORKSPACE_PROVISIONING\"}");
    }

    private static Answer alreadyInRoom() {
        return Answer.json(403, "{\"errcode\":\"M_FORBIDDEN\","
                + "\"error\":\"@alice:workspace.test is already in the room.\"}");
    }
}

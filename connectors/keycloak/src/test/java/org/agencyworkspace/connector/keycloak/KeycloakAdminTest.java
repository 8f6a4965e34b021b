package org.agencyworkspace.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.agencyworkspace.testsupport.CannedHttpServer.Received;
import org.agencyworkspace.testsupport.ScriptedHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against canned answers shaped like Keycloak 26.5.6's (recorded from the local stack). */
class KeycloakAdminTest {

    /** What the server answers for a path it does not serve. */
    private static final Answer UNSERVED_PATH = Answer.json(404, "{\"error\":\"HTTP 404 Not Found\"}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SECRET = "s3cr&t=+";
    private static final String TOKEN = "/realms/agency/protocol/openid-connect/token";
    private static final String ADMIN = "/admin/realms/agency";
    private static final String USERS = ADMIN + "/users";
    private static final String MEI_ID = "c708ad8b-fb89-48b2-a442-f61644989012";
    private static final String MEI = USERS + "/" + MEI_ID;
    private static final String GROUP_ID = "ec9646de-a7b5-4400-988b-d285a066ed27";

    private static final String MEI_JSON = """
            {"id":"c708ad8b-fb89-48b2-a442-f61644989012","username":"mei.lin","firstName":"美玲",
             "lastName":"林","email":"mei.lin@agency.test","emailVerified":false,
             "attributes":{"clearance":["secret"],"department":["hr","it"],"locale":["zh-TW"]},
             "enabled":true,"createdTimestamp":1795720889455,"totp":false,
             "disableableCredentialTypes":[],"requiredActions":["CONFIGURE_TOTP"],"notBefore":0,
             "access":{"manageGroupMembership":true,"resetPassword":true,"view":true,
             "mapRoles":true,"impersonate":false,"manage":true}}""";
    private static final String USER_NOT_FOUND = "{\"error\":\"User not found\"}";
    private static final String UNAUTHORIZED = "{\"error\":\"HTTP 401 Unauthorized\"}";
    private static final String ROLE_MAPPINGS = """
            [{"id":"53fa1c6e-6db6-4d5f-95cc-49d62cb278a4","name":"default-roles-agency",
              "description":"${role_default-roles}","composite":true,"clientRole":false,
              "containerId":"6d289e6d-d3c6-4774-8744-595050a9b69e"},
             {"id":"f599f51f-0604-45b7-92ba-6936fd460d97","name":"manager","composite":false,
              "clientRole":false,"containerId":"6d289e6d-d3c6-4774-8744-595050a9b69e"}]""";
    private static final String GROUP_JSON = """
            {"id":"ec9646de-a7b5-4400-988b-d285a066ed27","name":"it","path":"/it",
             "subGroupCount":0,"subGroups":[],"attributes":{"nameZh":["資訊室"]},
             "realmRoles":[],"clientRoles":{}}""";

    private final ScriptedHttpServer keycloak = new ScriptedHttpServer(UNSERVED_PATH);

    @AfterEach
    void stop() {
        keycloak.close();
    }

    @Test
    void fetchesOneServiceAccountTokenAndReusesIt() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(200, MEI_JSON));
        KeycloakAdmin admin = admin();

        admin.findUser(MEI_ID);
        admin.findUser(MEI_ID);

        List<Received> grants = keycloak.received("POST", TOKEN);
        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(grant.headers().get("Content-type"))
                    .isEqualTo("application/x-www-form-urlencoded");
            assertThat(grant.body()).isEqualTo("grant_type=client_credentials"
                    + "&client_id=workspace-connector&client_secret=s3cr%26t%3D%2B");
        });
        assertThat(keycloak.received("GET", MEI))
                .extracting(request -> request.headers().get("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1");
    }

    @Test
    void fetchesAFreshTokenWhenTheLastOneIsAboutToExpire() {
        keycloak.on("POST", TOKEN, token("token-1", 30), token("token-2", 30))
                .on("GET", MEI, Answer.json(200, MEI_JSON));
        KeycloakAdmin admin = admin();

        admin.findUser(MEI_ID);
        admin.findUser(MEI_ID);

        assertThat(keycloak.received("GET", MEI))
                .extracting(request -> request.headers().get("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void replacesARejectedTokenOnceAndRepeatsTheCall() {
        keycloak.on("POST", TOKEN, token("token-1", 300), token("token-2", 300))
                .on("GET", MEI, Answer.json(401, UNAUTHORIZED), Answer.json(200, MEI_JSON));

        assertThat(admin().findUser(MEI_ID)).isPresent();

        assertThat(keycloak.received("GET", MEI))
                .extracting(request -> request.headers().get("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void aFreshTokenThatIsRejectedTooFails() {
        keycloak.on("POST", TOKEN, token("token-1", 300), token("token-2", 300))
                .on("GET", MEI, Answer.json(401, UNAUTHORIZED));

        assertThatThrownBy(() -> admin().findUser(MEI_ID))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(401));
        assertThat(keycloak.received("POST", TOKEN)).hasSize(2);
        assertThat(keycloak.received("GET", MEI)).hasSize(2);
    }

    @Test
    void threadsShareOneToken() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(200, MEI_JSON));
        KeycloakAdmin admin = admin();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<KeycloakUser>>> lookups = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(() -> admin.findUser(MEI_ID))).toList();
            for (Future<Optional<KeycloakUser>> lookup : lookups) {
                assertThat(lookup.get()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(keycloak.received("POST", TOKEN)).hasSize(1);
    }

    @Test
    void wrongClientCredentialsArePermanentAndNeverShowTheSecret() {
        keycloak.on("POST", TOKEN, Answer.json(401, "{\"error\":\"unauthorized_client\","
                + "\"error_description\":\"Invalid client or Invalid client credentials\"}"));

        assertThatThrownBy(() -> admin().findUser(MEI_ID))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Invalid client credentials")
                .hasMessageNotContaining("s3cr");
        assertThat(keycloak.received("GET", MEI)).isEmpty();
    }

    @Test
    void aTokenAnswerWithoutAccessTokenIsRefused() {
        keycloak.on("POST", TOKEN, Answer.json(200, "{\"token_type\":\"Bearer\"}"));

        assertThatThrownBy(() -> admin().findUser(MEI_ID))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("token answer lacks access_token");
    }

    @Test
    void readsAnAccount() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(200, MEI_JSON));

        KeycloakUser mei = admin().findUser(MEI_ID).orElseThrow();

        assertThat(mei).isEqualTo(new KeycloakUser(MEI_ID, "mei.lin", "mei.lin@agency.test", false,
                "美玲", "林", true, Instant.ofEpochMilli(1795720889455L),
                Map.of("clearance", List.of("secret"), "department", List.of("hr", "it"),
                        "locale", List.of("zh-TW")),
                List.of("CONFIGURE_TOTP"), false));
        assertThat(mei.attribute("department")).containsExactly("hr", "it");
        assertThat(mei.attribute("phone")).isEmpty();
        assertThat(keycloak.received("GET", MEI).get(0).path())
                .endsWith("?userProfileMetadata=false");
    }

    @Test
    void anUnknownAccountIsEmptyButOtherNotFoundAnswersFail() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(404, USER_NOT_FOUND),
                        Answer.json(404, "{\"error\":\"HTTP 404 Not Found\"}"))
                .on("POST", "/realms/nope/protocol/openid-connect/token",
                        Answer.json(404, "{\"error\":\"Realm does not exist\"}"));
        KeycloakAdmin admin = admin();

        assertThat(admin.findUser(MEI_ID)).isEmpty();
        assertThatThrownBy(() -> admin.findUser(MEI_ID))
                .as("a proxy that does not pass the admin API on is no unknown account")
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> KeycloakAdmin.builder().baseUrl(keycloak.baseUri()).realm("nope")
                .serviceAccount("workspace-connector", SECRET).build().findUser(MEI_ID))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Realm does not exist");
    }

    @Test
    void findsAnAccountByExactUsername() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"), Answer.json(200, "[]"));
        KeycloakAdmin admin = admin();

        assertThat(admin.findUserByUsername("Mei.Lin")).map(KeycloakUser::id).hasValue(MEI_ID);
        assertThat(admin.findUserByUsername("no one")).isEmpty();

        assertThat(keycloak.received("GET", USERS)).extracting(Received::path).containsExactly(
                USERS + "?exact=true&briefRepresentation=false&username=Mei.Lin",
                USERS + "?exact=true&briefRepresentation=false&username=no%20one");
    }

    @Test
    void createsAMissingAccountAndReadsItBack() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[]"))
                .on("POST", USERS, created(MEI))
                .on("GET", MEI, Answer.json(200, MEI_JSON));

        SavedUser saved = admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withEmail("Mei.Lin@agency.test").withName("美玲", "林")
                .withAttribute("clearance", List.of("secret"))
                .withAttribute("department", List.of("hr", "it"))
                .withAttribute("phone", List.of()));

        assertThat(saved.outcome()).isEqualTo(WriteOutcome.CREATED);
        assertThat(saved.user().id()).isEqualTo(MEI_ID);
        JsonNode sent = body(keycloak.received("POST", USERS).get(0));
        assertThat(sent).isEqualTo(JSON.readTree("""
                {"username":"mei.lin","enabled":true,"email":"Mei.Lin@agency.test",
                 "firstName":"美玲","lastName":"林",
                 "attributes":{"clearance":["secret"],"department":["hr","it"]}}"""));
    }

    @Test
    void anUpdateWritesTheWholeProfileAndKeepsWhatItDoesNotName() throws Exception {
        String moved = MEI_JSON.replace("\"department\":[\"hr\",\"it\"]", "\"department\":[\"it\"]")
                .replace("\"enabled\":true", "\"enabled\":false");
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"))
                .on("PUT", MEI, Answer.json(204, ""))
                .on("GET", MEI, Answer.json(200, moved));

        SavedUser saved = admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withAttribute("department", List.of("it")).withEnabled(false));

        assertThat(saved.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(saved.user().enabled()).isFalse();
        assertThat(body(keycloak.received("PUT", MEI).get(0))).isEqualTo(JSON.readTree("""
                {"username":"mei.lin","email":"mei.lin@agency.test","firstName":"美玲",
                 "lastName":"林","attributes":{"clearance":["secret"],"department":["it"],
                 "locale":["zh-TW"]},"enabled":false}"""));
    }

    @Test
    void anUpdateAddsRequiredActionsToThoseTheAccountHas() throws Exception {
        String withAction = MEI_JSON.replace("[\"CONFIGURE_TOTP\"]",
                "[\"CONFIGURE_TOTP\",\"UPDATE_PASSWORD\"]");
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"))
                .on("PUT", MEI, Answer.json(204, ""))
                .on("GET", MEI, Answer.json(200, withAction));

        admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withRequiredActions("UPDATE_PASSWORD", "CONFIGURE_TOTP"));

        assertThat(body(keycloak.received("PUT", MEI).get(0)).get("requiredActions"))
                .isEqualTo(JSON.readTree("[\"CONFIGURE_TOTP\",\"UPDATE_PASSWORD\"]"));
    }

    @Test
    void anAccountThatAlreadyMatchesIsNotWritten() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"));

        SavedUser saved = admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withEmail("MEI.LIN@agency.test").withName("美玲", "林").withEnabled(true)
                .withAttribute("department", List.of("it", "hr"))
                .withAttribute("phone", List.of())
                .withRequiredActions("CONFIGURE_TOTP"));

        assertThat(saved.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(keycloak.received()).extracting(Received::method)
                .containsExactly("POST", "GET");
    }

    @Test
    void anAttributeKeycloakDropsIsReported() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"))
                .on("PUT", MEI, Answer.json(204, ""))
                .on("GET", MEI, Answer.json(200, MEI_JSON));

        assertThatThrownBy(() -> admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withAttribute("phone", List.of("+886 2 1234 5678"))
                .withAttribute("displayNameZh", List.of("林美玲"))))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("did not store attribute(s) phone, displayNameZh")
                .hasMessageContaining("user profile");
    }

    @Test
    void aRequiredActionKeycloakDropsIsReported() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[]"))
                .on("POST", USERS, created(MEI))
                .on("GET", MEI, Answer.json(200, MEI_JSON));

        assertThatThrownBy(() -> admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withRequiredActions("CONFIGURE_TOTP", "NO_SUCH_ACTION")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("dropped required action(s) NO_SUCH_ACTION");
    }

    @Test
    void aCreateThatLosesTheRaceUpdatesTheAccountThatWon() {
        String renamed = MEI_JSON.replace("\"firstName\":\"美玲\"", "\"firstName\":\"Mei\"");
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[]"), Answer.json(200, "[" + MEI_JSON + "]"))
                .on("POST", USERS, Answer.json(409,
                        "{\"errorMessage\":\"User exists with same username\"}"))
                .on("PUT", MEI, Answer.json(204, ""))
                .on("GET", MEI, Answer.json(200, renamed));

        SavedUser saved = admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withName("Mei", "林"));

        assertThat(saved.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(saved.user().firstName()).isEqualTo("Mei");
        assertThat(keycloak.received("PUT", MEI)).hasSize(1);
    }

    @Test
    void anEmailAnotherAccountHasIsAPermanentConflict() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[]"))
                .on("POST", USERS, Answer.json(409,
                        "{\"errorMessage\":\"User exists with same email\"}"));

        assertThatThrownBy(() -> admin().createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")
                .withEmail("alice@agency.test")))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("User exists with same email");
    }

    @Test
    void aValueTheUserProfileRefusesIsPermanent() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[]"))
                .on("POST", USERS, Answer.json(400, "{\"field\":\"username\","
                        + "\"errorMessage\":\"error-invalid-length\","
                        + "\"params\":[\"username\",3,255]}"));

        assertThatThrownBy(() -> admin().createOrUpdateUser(KeycloakUserUpdate.of("ab")))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("error-invalid-length");
    }

    @Test
    void disablingSendsOnlyTheFlagThenEndsTheSessions() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("PUT", MEI, Answer.json(204, ""))
                .on("POST", MEI + "/logout", Answer.json(204, ""));

        assertThat(admin().disable(MEI_ID)).isTrue();

        assertThat(body(keycloak.received("PUT", MEI).get(0)))
                .isEqualTo(JSON.readTree("{\"enabled\":false}"));
        assertThat(keycloak.received()).extracting(Received::method, request ->
                request.path().split("\\?")[0]).containsExactly(
                        tuple("POST", TOKEN),
                        tuple("PUT", MEI),
                        tuple("POST", MEI + "/logout"));
    }

    @Test
    void writesToAnUnknownAccountAnswerFalse() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("PUT", MEI, Answer.json(404, USER_NOT_FOUND))
                .on("POST", MEI + "/logout", Answer.json(404, USER_NOT_FOUND))
                .on("DELETE", MEI, Answer.json(404, USER_NOT_FOUND))
                .on("PUT", MEI + "/reset-password", Answer.json(404, USER_NOT_FOUND));
        KeycloakAdmin admin = admin();

        assertThat(admin.disable(MEI_ID)).isFalse();
        assertThat(admin.logout(MEI_ID)).isFalse();
        assertThat(admin.deleteUser(MEI_ID)).isFalse();
        assertThat(admin.setPassword(MEI_ID, "pw", true)).isFalse();
        assertThat(keycloak.received("POST", MEI + "/logout")).as("one call by logout only")
                .hasSize(1);
    }

    @Test
    void setsAPassword() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("PUT", MEI + "/reset-password", Answer.json(204, ""));

        assertThat(admin().setPassword(MEI_ID, "Temp-Pass-1", true)).isTrue();

        assertThat(body(keycloak.received("PUT", MEI + "/reset-password").get(0)))
                .isEqualTo(JSON.readTree(
                        "{\"type\":\"password\",\"value\":\"Temp-Pass-1\",\"temporary\":true}"));
        assertThatThrownBy(() -> admin().setPassword(MEI_ID, "", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsSessions() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/sessions", Answer.json(200, """
                        [{"id":"aRJe_2VTjhMC--XyXVcDCRZb","username":"mei.lin",
                          "userId":"c708ad8b-fb89-48b2-a442-f61644989012","ipAddress":"127.0.0.1",
                          "start":1795720996000,"lastAccess":1795721000000,"rememberMe":false,
                          "clients":{"fa12c69f-26bf-448e-9ab1-9741d983f209":"workspace-portal"},
                          "transientUser":false}]"""));

        assertThat(admin().sessions(MEI_ID)).containsExactly(new UserSession(
                "aRJe_2VTjhMC--XyXVcDCRZb", "127.0.0.1", Instant.ofEpochMilli(1795720996000L),
                Instant.ofEpochMilli(1795721000000L), List.of("workspace-portal")));
    }

    @Test
    void sessionsOfAnUnknownAccountFail() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/sessions", Answer.json(404, USER_NOT_FOUND));

        assertThatThrownBy(() -> admin().sessions(MEI_ID))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("User not found");
    }

    @Test
    void grantsOnlyTheRolesNotMappedYet() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/role-mappings/realm", Answer.json(200, ROLE_MAPPINGS))
                .on("GET", ADMIN + "/roles/auditor", Answer.json(200,
                        "{\"id\":\"0b1e6a4c-ba6b-4d22-b0a6-2d2c8b6e1a11\",\"name\":\"auditor\","
                                + "\"composite\":false,\"clientRole\":false}"))
                .on("POST", MEI + "/role-mappings/realm", Answer.json(204, ""));
        KeycloakAdmin admin = admin();

        Set<String> granted = admin.grantRealmRoles(MEI_ID, Set.of("manager", "auditor"));
        Set<String> again = admin.grantRealmRoles(MEI_ID, Set.of("manager"));

        assertThat(granted).containsExactly("auditor");
        assertThat(again).isEmpty();
        assertThat(keycloak.received("GET", ADMIN + "/roles/manager")).isEmpty();
        assertThat(keycloak.received("POST", MEI + "/role-mappings/realm")).singleElement()
                .satisfies(post -> assertThat(body(post)).isEqualTo(JSON.readTree("""
                        [{"id":"0b1e6a4c-ba6b-4d22-b0a6-2d2c8b6e1a11","name":"auditor"}]""")));
        assertThat(admin.realmRoles(MEI_ID)).containsExactly("default-roles-agency", "manager");
    }

    @Test
    void anUnknownRoleGrantsNothing() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/role-mappings/realm", Answer.json(200, ROLE_MAPPINGS))
                .on("GET", ADMIN + "/roles/auditor", Answer.json(200,
                        "{\"id\":\"0b1e6a4c-ba6b-4d22-b0a6-2d2c8b6e1a11\",\"name\":\"auditor\"}"))
                .on("GET", ADMIN + "/roles/no-such-role",
                        Answer.json(404, "{\"error\":\"Could not find role\"}"));

        assertThatThrownBy(() -> admin().grantRealmRoles(MEI_ID,
                Set.of("auditor", "no-such-role")))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Could not find role");
        assertThat(keycloak.received("POST", MEI + "/role-mappings/realm")).isEmpty();
    }

    @Test
    void revokesOnlyTheRolesMappedDirectly() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/role-mappings/realm", Answer.json(200, ROLE_MAPPINGS))
                .on("DELETE", MEI + "/role-mappings/realm", Answer.json(204, ""));
        KeycloakAdmin admin = admin();

        Set<String> revoked = admin.revokeRealmRoles(MEI_ID, Set.of("manager", "no-such-role"));
        Set<String> nothing = admin.revokeRealmRoles(MEI_ID, Set.of("auditor"));

        assertThat(revoked).containsExactly("manager");
        assertThat(nothing).isEmpty();
        assertThat(keycloak.received("DELETE", MEI + "/role-mappings/realm")).singleElement()
                .satisfies(delete -> assertThat(body(delete)).isEqualTo(JSON.readTree("""
                        [{"id":"f599f51f-0604-45b7-92ba-6936fd460d97","name":"manager"}]""")));
    }

    @Test
    void createsAMissingGroup() throws Exception {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", ADMIN + "/group-by-path/it",
                        Answer.json(404, "{\"error\":\"Group path does not exist\"}"))
                .on("POST", ADMIN + "/groups", created(ADMIN + "/groups/" + GROUP_ID))
                .on("GET", ADMIN + "/groups/" + GROUP_ID, Answer.json(200, GROUP_JSON));

        SavedGroup saved = admin().createOrUpdateGroup(KeycloakGroupUpdate.of("it")
                .withAttribute("nameZh", List.of("資訊室")));

        assertThat(saved).isEqualTo(new SavedGroup(WriteOutcome.CREATED, new KeycloakGroup(
                GROUP_ID, "it", "/it", Map.of("nameZh", List.of("資訊室")))));
        assertThat(body(keycloak.received("POST", ADMIN + "/groups").get(0))).isEqualTo(
                JSON.readTree("{\"name\":\"it\",\"attributes\":{\"nameZh\":[\"資訊室\"]}}"));
    }

    @Test
    void updatesOrLeavesAnExistingGroup() throws Exception {
        String renamed = GROUP_JSON.replace("資訊室", "資訊處");
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", ADMIN + "/group-by-path/it", Answer.json(200, GROUP_JSON))
                .on("PUT", ADMIN + "/groups/" + GROUP_ID, Answer.json(204, ""))
                .on("GET", ADMIN + "/groups/" + GROUP_ID, Answer.json(200, renamed));
        KeycloakAdmin admin = admin();

        SavedGroup same = admin.createOrUpdateGroup(KeycloakGroupUpdate.of("it")
                .withAttribute("nameZh", List.of("資訊室")));
        SavedGroup changed = admin.createOrUpdateGroup(KeycloakGroupUpdate.of("it")
                .withAttribute("nameZh", List.of("資訊處")).withAttribute("nameEn", List.of()));

        assertThat(same.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(changed.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(changed.group().attributes()).containsEntry("nameZh", List.of("資訊處"));
        assertThat(body(keycloak.received("PUT", ADMIN + "/groups/" + GROUP_ID).get(0)))
                .isEqualTo(JSON.readTree("""
                        {"name":"it","attributes":{"nameZh":["資訊處"]}}"""));
    }

    @Test
    void aGroupCreateThatLosesTheRaceFindsTheWinnersGroup() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", ADMIN + "/group-by-path/it",
                        Answer.json(404, "{\"error\":\"Group path does not exist\"}"),
                        Answer.json(200, GROUP_JSON))
                .on("POST", ADMIN + "/groups", Answer.json(409,
                        "{\"errorMessage\":\"Top level group named 'it' already exists.\"}"));

        SavedGroup saved = admin().createOrUpdateGroup(KeycloakGroupUpdate.of("it"));

        assertThat(saved.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(saved.group().id()).isEqualTo(GROUP_ID);
    }

    @Test
    void findsAndDeletesGroups() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", ADMIN + "/group-by-path/%E8%B3%87%E8%A8%8A%20%E5%AE%A4",
                        Answer.json(404, "{\"error\":\"Group path does not exist\"}"))
                .on("DELETE", ADMIN + "/groups/" + GROUP_ID, Answer.json(204, ""),
                        Answer.json(404, "{\"error\":\"Could not find group by id\"}"));
        KeycloakAdmin admin = admin();

        assertThat(admin.findGroup("資訊 室")).isEmpty();
        assertThat(admin.deleteGroup(GROUP_ID)).isTrue();
        assertThat(admin.deleteGroup(GROUP_ID)).isFalse();
        assertThatThrownBy(() -> admin.findGroup("it/sub"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/'");
    }

    @Test
    void readsEveryPageOfAnAccountsGroups() {
        String fullPage = IntStream.range(0, HttpKeycloakAdmin.GROUP_PAGE_SIZE)
                .mapToObj(i -> "{\"id\":\"g" + i + "\",\"name\":\"d" + i + "\",\"path\":\"/d" + i
                        + "\",\"subGroups\":[]}")
                .collect(Collectors.joining(",", "[", "]"));
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI + "/groups", Answer.json(200, fullPage),
                        Answer.json(200, "[" + GROUP_JSON + "]"));

        List<KeycloakGroup> groups = admin().groupsOf(MEI_ID);

        assertThat(groups).hasSize(HttpKeycloakAdmin.GROUP_PAGE_SIZE + 1);
        assertThat(groups.get(0).attributes()).isEmpty();
        assertThat(groups.get(HttpKeycloakAdmin.GROUP_PAGE_SIZE).name()).isEqualTo("it");
        assertThat(keycloak.received("GET", MEI + "/groups")).extracting(Received::path)
                .containsExactly(MEI + "/groups?briefRepresentation=false&first=0&max=100",
                        MEI + "/groups?briefRepresentation=false&first=100&max=100");
    }

    @Test
    void joinsAndLeavesGroups() {
        String membership = MEI + "/groups/" + GROUP_ID;
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("PUT", membership, Answer.json(204, ""))
                .on("DELETE", membership, Answer.json(204, ""))
                .on("PUT", MEI + "/groups/missing", Answer.json(404,
                        "{\"error\":\"Group not found\"}"));
        KeycloakAdmin admin = admin();

        admin.joinGroup(MEI_ID, GROUP_ID);
        admin.leaveGroup(MEI_ID, GROUP_ID);

        assertThat(keycloak.received("PUT", membership)).hasSize(1);
        assertThat(keycloak.received("DELETE", membership)).hasSize(1);
        assertThatThrownBy(() -> admin.joinGroup(MEI_ID, "missing"))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Group not found");
    }

    @Test
    void listsUsersPageByPage() {
        String second = MEI_JSON.replace(MEI_ID, "20dd6b77-1dd1-49a4-9129-ee5e142be19a")
                .replace("\"mei.lin\"", "\"mei.wang\"");
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS, Answer.json(200, "[" + MEI_JSON + "]"),
                        Answer.json(200, "[" + second + "]"), Answer.json(200, "[]"));
        KeycloakUserQuery query = KeycloakUserQuery.all(1).withSearch("mei");

        List<String> usernames = admin().allUsers(query).map(KeycloakUser::username).toList();

        assertThat(usernames).containsExactly("mei.lin", "mei.wang");
        assertThat(keycloak.received("GET", USERS)).extracting(Received::path).containsExactly(
                USERS + "?briefRepresentation=false&first=0&max=1&search=mei",
                USERS + "?briefRepresentation=false&first=1&max=1&search=mei",
                USERS + "?briefRepresentation=false&first=2&max=1&search=mei");
    }

    @Test
    void aMissingRoleOfTheServiceAccountIsNamed() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("DELETE", MEI, Answer.json(403, "{\"error\":\"HTTP 403 Forbidden\"}"));

        assertThatThrownBy(() -> admin().deleteUser(MEI_ID))
                .isInstanceOfSatisfying(PermanentConnectorException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.sanitizedUri()).endsWith(MEI);
                })
                .hasMessageContaining("DELETE forbidden")
                .hasMessageContaining("manage-users");
    }

    @Test
    void serverTroubleIsTransient() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(503, "{\"error\":\"unknown_error\"}"));

        assertThatThrownBy(() -> admin().findUser(MEI_ID))
                .isInstanceOfSatisfying(TransientConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void malformedAnswersArePermanent() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", MEI, Answer.json(200, "<html>proxy error</html>"),
                        Answer.json(200, "[" + MEI_JSON + "]"),
                        Answer.json(200, "{\"username\":\"mei.lin\"}"),
                        Answer.json(200, MEI_JSON.replace("1795720889455", "\"yesterday\"")),
                        Answer.json(200, MEI_JSON.replace("[\"secret\"]", "\"secret\"")))
                .on("GET", USERS, Answer.json(200, "[]"))
                .on("POST", USERS, Answer.json(201, ""));
        KeycloakAdmin admin = admin();

        assertThatThrownBy(() -> admin.findUser(MEI_ID)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> admin.findUser(MEI_ID))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> admin.findUser(MEI_ID)).hasMessageContaining("lacks id");
        assertThatThrownBy(() -> admin.findUser(MEI_ID))
                .hasMessageContaining("createdTimestamp is not a number");
        assertThatThrownBy(() -> admin.findUser(MEI_ID))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("attribute clearance is not a list");
        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of("mei.lin")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("no Location header");
    }

    @Test
    void probeIsUpWithTheRealmAndDownWhenTheCredentialIsRefused() {
        keycloak.on("POST", TOKEN, token("token-1", 300))
                .on("GET", USERS + "/count", Answer.json(200, "3"));
        ProbeResult up = admin().probe();
        keycloak.on("POST", TOKEN, Answer.json(401, "{\"error\":\"unauthorized_client\","
                + "\"error_description\":\"Invalid client or Invalid client credentials\"}"));
        ProbeResult down = KeycloakAdmin.builder().baseUrl(keycloak.baseUri()).realm("agency")
                .serviceAccount("workspace-connector", "wrong").build().probe();

        assertThat(up.up()).isTrue();
        assertThat(up.detail()).isEqualTo("admin access to realm agency accepted");
        assertThat(up.facts()).containsEntry("realm", "agency").containsEntry("users", "3");
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).contains("HTTP 401").contains("Invalid client")
                .doesNotContain("wrong");
    }

    @Test
    void builderNamesTheMissingSettingAndMasksTheSecret() {
        URI base = URI.create("http://127.0.0.1:8180");
        assertThatThrownBy(() -> KeycloakAdmin.builder().realm("agency")
                .serviceAccount("c", "s").build()).hasMessage("baseUrl required");
        assertThatThrownBy(() -> KeycloakAdmin.builder().baseUrl(base)
                .serviceAccount("c", "s").build()).hasMessage("realm required");
        assertThatThrownBy(() -> KeycloakAdmin.builder().baseUrl(base).realm("agency").build())
                .hasMessage("clientId required");
        assertThatThrownBy(() -> KeycloakAdmin.builder().baseUrl(base).realm("agency")
                .serviceAccount("c", " ").build()).hasMessage("clientSecret required");
        assertThat(KeycloakAdmin.builder().baseUrl(base).realm("agency")
                .serviceAccount("workspace-connector", SECRET).toString())
                .contains("workspace-connector", "******").doesNotContain("s3cr");
    }

    private KeycloakAdmin admin() {
        return KeycloakAdmin.builder().baseUrl(keycloak.baseUri()).realm("agency")
                .serviceAccount("workspace-connector", SECRET).build();
    }

    private Answer created(String path) {
        return new Answer(201, Map.of("Location", keycloak.baseUri() + path), "");
    }

    private static Answer token(String accessToken, int expiresIn) {
        return Answer.json(200, "{\"access_token\":\"" + accessToken + "\",\"expires_in\":"
                + expiresIn + ",\"refresh_expires_in\":0,\"token_type\":\"Bearer\","
                + "\"not-before-policy\":0,\"scope\":\"profile email\"}");
    }

    private static JsonNode body(Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

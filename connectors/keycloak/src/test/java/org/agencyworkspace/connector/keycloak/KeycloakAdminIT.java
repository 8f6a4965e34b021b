package org.agencyworkspace.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real Keycloak of deploy/local with the shipped agency realm, as its
 * {@code workspace-connector} service account. Every account, group and client is named after
 * this run and removed afterwards; the shipped accounts are only read.
 */
class KeycloakAdminIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static URI baseUrl;
    private static String realm;
    private static String clientId;
    private static String clientSecret;
    private static KeycloakAdmin admin;
    private static KeycloakTestRealm testRealm;

    private final List<String> usernamesToDelete = new ArrayList<>();
    private final List<String> groupsToDelete = new ArrayList<>();
    private final List<String> clientsToDelete = new ArrayList<>();

    @BeforeAll
    static void connect() {
        baseUrl = URI.create(StackEnvironment.require("WORKSPACE_KEYCLOAK_URL"));
        realm = StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM");
        clientId = StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_ID");
        clientSecret = StackEnvironment.require("WORKSPACE_CONNECTOR_CLIENT_SECRET");
        admin = KeycloakAdmin.builder().baseUrl(baseUrl).realm(realm)
                .serviceAccount(clientId, clientSecret).build();
        testRealm = new KeycloakTestRealm();
    }

    @AfterEach
    void cleanUp() {
        usernamesToDelete.forEach(username -> admin.findUserByUsername(username)
                .ifPresent(user -> admin.deleteUser(user.id())));
        groupsToDelete.forEach(name -> admin.findGroup(name)
                .ifPresent(group -> admin.deleteGroup(group.id())));
        clientsToDelete.forEach(testRealm::deleteClient);
    }

    @Test
    void createsUpdatesAndReadsBackAnAccount() {
        String username = newUsername("life");
        Instant beforeCreation = Instant.now().minusSeconds(5);
        KeycloakUserUpdate joining = KeycloakUserUpdate.of(username)
                .withEmail(username + "@Agency.test").withName("美玲", "林")
                .withAttribute("clearance", List.of("secret"))
                .withAttribute("department", List.of("hr", "it"));

        SavedUser created = admin.createOrUpdateUser(joining);
        SavedUser again = admin.createOrUpdateUser(joining);
        SavedUser moved = admin.createOrUpdateUser(KeycloakUserUpdate.of(username)
                .withAttribute("department", List.of("it")));

        KeycloakUser account = created.user();
        assertThat(created.outcome()).isEqualTo(WriteOutcome.CREATED);
        assertThat(account.enabled()).isTrue();
        assertThat(account.email()).isEqualTo(username + "@agency.test");
        assertThat(account.firstName()).isEqualTo("美玲");
        assertThat(account.attribute("department")).containsExactlyInAnyOrder("hr", "it");
        assertThat(account.requiredActions()).as("the realm's default action")
                .containsExactly("CONFIGURE_TOTP");
        assertThat(account.createdAt()).isBetween(beforeCreation, Instant.now().plusSeconds(5));
        assertThat(again).isEqualTo(new SavedUser(WriteOutcome.UNCHANGED, account));
        assertThat(moved.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(moved.user().attribute("department")).containsExactly("it");
        assertThat(moved.user().attribute("clearance")).as("kept although the update did not "
                + "name it").containsExactly("secret");
        assertThat(moved.user().firstName()).as("kept although the update did not name it")
                .isEqualTo("美玲");
        assertThat(moved.user().lastName()).isEqualTo("林");
        assertThat(moved.user().email()).isEqualTo(username + "@agency.test");
        assertThat(admin.findUser(account.id())).hasValue(moved.user());
        assertThat(admin.findUserByUsername(username.toUpperCase())).hasValue(moved.user());
    }

    @Test
    void attributesAndActionsTheRealmDoesNotKnowAreReportedNotLost() {
        String username = newUsername("undeclared");
        admin.createOrUpdateUser(KeycloakUserUpdate.of(username));

        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of(username)
                .withAttribute("clearance", List.of("secret"))
                .withAttribute("phone", List.of("+886 2 2345 6789"))))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("did not store attribute(s) phone");
        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of(username)
                .withRequiredActions("NO_SUCH_ACTION")))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("dropped required action(s) NO_SUCH_ACTION");
        KeycloakUser stored = admin.findUserByUsername(username).orElseThrow();
        assertThat(stored.attribute("clearance")).as("the declared part was stored")
                .containsExactly("secret");
        assertThat(stored.attributes()).doesNotContainKey("phone");
    }

    @Test
    void refusesWhatTheRealmRefuses() {
        String first = newUsername("mail-a");
        String second = newUsername("mail-b");
        admin.createOrUpdateUser(KeycloakUserUpdate.of(first).withEmail(first + "@agency.test"));

        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of(second)
                .withEmail(first.toUpperCase() + "@agency.test")))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("User exists with same email");
        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of(first)
                .withAttribute("clearance", List.of("not-a-level"))))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("clearance").hasMessageContaining("error-invalid-value");
        assertThatThrownBy(() -> admin.createOrUpdateUser(KeycloakUserUpdate.of("ab")))
                .as("the shipped user profile wants at least 3 characters")
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("error-invalid-length");
    }

    @Test
    void logoutAndDisableEndEverySessionAndAReturningPersonSignsInAgain() {
        String signInClient = "it-kc-signin-" + RUN;
        clientsToDelete.add(testRealm.createPasswordClient(signInClient));
        String username = newUsername("sessions");
        String password = "Pw-" + UUID.randomUUID();
        String id = admin.createOrUpdateUser(KeycloakUserUpdate.of(username)
                .withEmail(username + "@agency.test").withName("Session", "Test")).user().id();
        assertThat(admin.setPassword(id, password, false)).isTrue();
        testRealm.completeRequiredActions(id);

        KeycloakTestRealm.TokenAnswer signedIn = testRealm.signIn(signInClient, username, password);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(admin.sessions(id)).singleElement().satisfies(session -> {
            assertThat(session.clientIds()).containsExactly(signInClient);
            assertThat(session.ipAddress()).isEqualTo("127.0.0.1");
            assertThat(session.started()).isBefore(Instant.now().plusSeconds(5));
        });

        assertThat(admin.logout(id)).isTrue();
        assertThat(admin.sessions(id)).isEmpty();
        KeycloakTestRealm.TokenAnswer refreshed = testRealm.refresh(signInClient,
                signedIn.refreshToken());
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.error()).isEqualTo("Session not active");

        assertThat(testRealm.signIn(signInClient, username, password).status()).isEqualTo(200);
        assertThat(admin.disable(id)).isTrue();
        assertThat(admin.disable(id)).as("a repeat").isTrue();
        assertThat(admin.sessions(id)).isEmpty();
        assertThat(admin.findUser(id).orElseThrow().enabled()).isFalse();
        KeycloakTestRealm.TokenAnswer refused = testRealm.signIn(signInClient, username, password);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("Account disabled");

        SavedUser back = admin.createOrUpdateUser(KeycloakUserUpdate.of(username)
                .withEnabled(true));
        assertThat(back.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(back.user().firstName()).isEqualTo("Session");
        assertThat(testRealm.signIn(signInClient, username, password).status()).isEqualTo(200);
    }

    @Test
    void aTemporaryPasswordAsksForANewOne() {
        String id = admin.createOrUpdateUser(KeycloakUserUpdate.of(newUsername("temp"))).user()
                .id();

        assertThat(admin.setPassword(id, "Temp-" + UUID.randomUUID(), true)).isTrue();

        assertThat(admin.findUser(id).orElseThrow().requiredActions())
                .contains("UPDATE_PASSWORD", "CONFIGURE_TOTP");
    }

    @Test
    void grantsAndRevokesRealmRoles() {
        String id = admin.createOrUpdateUser(KeycloakUserUpdate.of(newUsername("roles"))).user()
                .id();

        Set<String> granted = admin.grantRealmRoles(id, Set.of("manager", "auditor"));
        Set<String> grantedAgain = admin.grantRealmRoles(id, Set.of("manager"));
        Set<String> held = admin.realmRoles(id);
        Set<String> revoked = admin.revokeRealmRoles(id, Set.of("manager", "staff"));

        assertThat(granted).containsExactly("auditor", "manager");
        assertThat(grantedAgain).isEmpty();
        assertThat(held).containsExactly("auditor", "default-roles-agency", "manager");
        assertThat(revoked).as("staff comes through default-roles-agency only")
                .containsExactly("manager");
        assertThat(admin.realmRoles(id)).containsExactly("auditor", "default-roles-agency");
        assertThatThrownBy(() -> admin.grantRealmRoles(id, Set.of("no-such-role-" + RUN)))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Could not find role");
    }

    @Test
    void managesGroupsAndMemberships() {
        String name = "it-kc-dept-" + RUN;
        groupsToDelete.add(name);
        String userId = admin.createOrUpdateUser(KeycloakUserUpdate.of(newUsername("member")))
                .user().id();

        SavedGroup created = admin.createOrUpdateGroup(KeycloakGroupUpdate.of(name)
                .withAttribute("nameZh", List.of("資訊室")));
        SavedGroup again = admin.createOrUpdateGroup(KeycloakGroupUpdate.of(name)
                .withAttribute("nameZh", List.of("資訊室")));
        SavedGroup renamed = admin.createOrUpdateGroup(KeycloakGroupUpdate.of(name)
                .withAttribute("nameZh", List.of("資訊處"))
                .withAttribute("nameEn", List.of("IT")));
        String groupId = created.group().id();

        assertThat(created.outcome()).isEqualTo(WriteOutcome.CREATED);
        assertThat(created.group().path()).isEqualTo("/" + name);
        assertThat(again.outcome()).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(renamed.outcome()).isEqualTo(WriteOutcome.UPDATED);
        assertThat(renamed.group().attributes()).containsEntry("nameZh", List.of("資訊處"))
                .containsEntry("nameEn", List.of("IT"));
        assertThat(admin.findGroup(name)).hasValue(renamed.group());

        admin.joinGroup(userId, groupId);
        admin.joinGroup(userId, groupId);
        assertThat(admin.groupsOf(userId)).containsExactly(renamed.group());
        admin.leaveGroup(userId, groupId);
        admin.leaveGroup(userId, groupId);
        assertThat(admin.groupsOf(userId)).isEmpty();
        assertThatThrownBy(() -> admin.joinGroup(userId, UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Group not found");

        assertThat(admin.deleteGroup(groupId)).isTrue();
        assertThat(admin.deleteGroup(groupId)).isFalse();
        assertThat(admin.findGroup(name)).isEmpty();
    }

    @Test
    void anUnknownAccountIsAnOutcomeNotAFailure() {
        String nobody = UUID.randomUUID().toString();

        assertThat(admin.findUser(nobody)).isEmpty();
        assertThat(admin.findUserByUsername("it-kc-nobody-" + RUN)).isEmpty();
        assertThat(admin.logout(nobody)).isFalse();
        assertThat(admin.disable(nobody)).isFalse();
        assertThat(admin.setPassword(nobody, "Pw-" + RUN, false)).isFalse();
        assertThat(admin.deleteUser(nobody)).isFalse();
        assertThatThrownBy(() -> admin.sessions(nobody))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("User not found");
    }

    @Test
    void listsAccountsPageByPage() {
        String prefix = "it-kc-" + RUN + "-page";
        for (String suffix : List.of("a", "b", "c")) {
            String username = prefix + "-" + suffix;
            usernamesToDelete.add(username);
            admin.createOrUpdateUser(KeycloakUserUpdate.of(username));
        }
        KeycloakUserQuery query = KeycloakUserQuery.all(2).withSearch(prefix);

        KeycloakUserPage first = admin.listUsers(query);
        KeycloakUserPage second = admin.listUsers(first.next().orElseThrow());

        assertThat(first.users()).extracting(KeycloakUser::username)
                .containsExactly(prefix + "-a", prefix + "-b");
        assertThat(second.users()).extracting(KeycloakUser::username)
                .containsExactly(prefix + "-c");
        assertThat(second.next()).isEmpty();
        assertThat(admin.allUsers(KeycloakUserQuery.all(1).withSearch(prefix)))
                .extracting(KeycloakUser::username)
                .containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
    }

    @Test
    void worksWithManageUsersAndViewRealmAloneAndRenewsAVoidedToken() {
        String minimalClient = "it-kc-minimal-" + RUN;
        String minimalSecret = UUID.randomUUID().toString();
        String clientUuid = testRealm.createServiceAccountClient(minimalClient, minimalSecret,
                List.of("manage-users", "view-realm"));
        clientsToDelete.add(clientUuid);
        KeycloakAdmin minimal = KeycloakAdmin.builder().baseUrl(baseUrl).realm(realm)
                .serviceAccount(minimalClient, minimalSecret).build();
        String id = minimal.createOrUpdateUser(KeycloakUserUpdate.of(newUsername("minimal")))
                .user().id();
        String earlierToken = testRealm.serviceAccountToken(minimalClient, minimalSecret);

        // "Not before" has a resolution of one second: log out until it passes the token's.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            testRealm.logOutServiceAccount(clientUuid);
            return !testRealm.accepts(earlierToken);
        });

        assertThat(minimal.grantRealmRoles(id, Set.of("auditor"))).containsExactly("auditor");
        assertThat(minimal.probe().up()).isTrue();
    }

    @Test
    void aServiceAccountWithoutManageUsersIsToldWhatItLacks() {
        String readOnlyClient = "it-kc-readonly-" + RUN;
        String readOnlySecret = UUID.randomUUID().toString();
        clientsToDelete.add(testRealm.createServiceAccountClient(readOnlyClient, readOnlySecret,
                List.of("view-users")));
        KeycloakAdmin readOnly = KeycloakAdmin.builder().baseUrl(baseUrl).realm(realm)
                .serviceAccount(readOnlyClient, readOnlySecret).build();
        String username = newUsername("forbidden");

        assertThat(readOnly.probe().up()).isTrue();
        assertThatThrownBy(() -> readOnly.createOrUpdateUser(KeycloakUserUpdate.of(username)))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("POST forbidden").hasMessageContaining("manage-users");
    }

    @Test
    void probeChecksTheServiceAccount() {
        ProbeResult up = admin.probe();
        KeycloakAdmin wrongSecret = KeycloakAdmin.builder().baseUrl(baseUrl).realm(realm)
                .serviceAccount(clientId, "not-the-secret-" + RUN).build();

        assertThat(up.up()).isTrue();
        assertThat(up.facts()).containsEntry("realm", realm);
        assertThat(Long.parseLong(up.facts().get("users"))).isNotNegative();
        ProbeResult down = wrongSecret.probe();
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).contains("HTTP 401").contains("Invalid client credentials")
                .doesNotContain("not-the-secret");
        assertThatThrownBy(() -> wrongSecret.findUserByUsername("alice"))
                .isInstanceOfSatisfying(PermanentConnectorException.class,
                        e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("not-the-secret");
    }

    private String newUsername(String purpose) {
        String username = "it-kc-" + RUN + "-" + purpose;
        usernamesToDelete.add(username);
        return username;
    }
}

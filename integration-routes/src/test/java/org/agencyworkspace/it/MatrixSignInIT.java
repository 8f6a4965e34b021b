package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.chat.MatrixStack;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixUserId;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.connector.matrix.SynapseAdmin;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.testsupport.TotpAuthenticator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Element's way in, on the real servers of deploy/local: a person pushed over SCIM signs in to
 * Synapse through Keycloak (Synapse's {@code oidc_providers}): Synapse's SSO redirect, Keycloak's
 * password form, OTP (set up at the first sign-in, asked for at the next), back to Synapse, and
 * an {@code m.login.token} login. They get the Matrix ID the workspace provisioned, with its
 * department room and its history. Once SCIM says they left, their devices and access tokens are
 * gone and the next sign-in ends at Keycloak.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatrixSignInIT {

    static final String TOKEN = "scim-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PROVISIONED = Duration.ofSeconds(20);
    static final String SYNAPSE_URL = StackEnvironment.require("WORKSPACE_MATRIX_URL");
    static final String KEYCLOAK_URL = StackEnvironment.require("WORKSPACE_KEYCLOAK_URL");
    /** Element's address: whitelisted in the stack's {@code sso.client_whitelist}, never fetched. */
    static final String ELEMENT = "http://127.0.0.1/element/";
    static final String DEPARTMENT = "it";
    static final List<String> CREATED = new ArrayList<>();

    static final KeycloakAdmin KEYCLOAK = ProvisioningStack.keycloak();
    static final SynapseAdmin SYNAPSE = ProvisioningStack.synapse("MATRIX_SIGN_IN_IT");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void provisioning(DynamicPropertyRegistry registry) {
        ProvisioningStack.register(registry, dataDir);
        MatrixStack.registerBot(registry);
        registry.add("workspace.identity.scim.bearer-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void removeAccounts() {
        for (String name : CREATED) {
            KEYCLOAK.findUserByUsername(name).ifPresent(user -> KEYCLOAK.deleteUser(user.id()));
            SYNAPSE.deactivate(MatrixUserId.of(name, ProvisioningStack.SERVER_NAME), true);
        }
    }

    @Test
    void aPersonPushedOverScimSignsInToMatrixThroughKeycloakWithOtpAndALeaverIsShutOut() throws Exception {
        String name = "it-sso-" + UUID.randomUUID().toString().substring(0, 8);
        CREATED.add(name);
        String matrixId = MatrixUserId.of(name, ProvisioningStack.SERVER_NAME);
        String scimId = JSON.readTree(scim("POST", "/scim/v2/Users", user(name)).body()).get("id").asText();
        MatrixClient bot = MatrixStack.bot();
        String departmentAlias = "#aw-dept-" + DEPARTMENT + ":" + ProvisioningStack.SERVER_NAME;
        Awaitility.await().atMost(PROVISIONED).until(() -> SYNAPSE.findUser(matrixId).isPresent()
                && KEYCLOAK.findUserByUsername(name).isPresent()
                && bot.resolveAlias(departmentAlias).map(room -> bot.membership(room, matrixId)
                        .filter("invite"::equals).isPresent()).orElse(false));
        String departmentRoom = bot.resolveAlias(departmentAlias).orElseThrow();
        String earlier = "posted before " + name + " ever signed in";
        bot.send(departmentRoom, "sso-it-" + UUID.randomUUID(), RoomMessage.notice(earlier));
        String password = "Sso-pass-" + UUID.randomUUID();
        // Its admin token lives a minute: taken now, not when the class was loaded.
        new KeycloakTestAdmin().setPassword(name, password);

        // First sign-in: Keycloak has the person set up OTP (the realm's default required action).
        BrowserSession phoneBrowser = new BrowserSession();
        Page afterPassword = passwordForm(phoneBrowser, name, password);
        String otpSecret = afterPassword.form("#kc-totp-settings-form")
                .selectFirst("input[name=totpSecret]").attr("value");
        TotpAuthenticator phone = new TotpAuthenticator(otpSecret);
        Page toSynapse = phoneBrowser.submitNoFollow(afterPassword, "#kc-totp-settings-form",
                Map.of("totp", phone.unusedCode(), "userLabel", "phone"));
        JsonNode firstLogin = matrixLogin(loginToken(phoneBrowser, toSynapse));
        assertThat(firstLogin.get("user_id").asText()).isEqualTo(matrixId);

        // Next sign-in, another browser: password, then the OTP form.
        BrowserSession laptopBrowser = new BrowserSession();
        Page otpForm = passwordForm(laptopBrowser, name, password);
        assertThat(otpForm.html().select("input[name=otp]")).hasSize(1);
        Page back = laptopBrowser.submitNoFollow(otpForm, "#kc-otp-login-form",
                Map.of("otp", phone.unusedCode()));
        JsonNode secondLogin = matrixLogin(loginToken(laptopBrowser, back));
        assertThat(secondLogin.get("user_id").asText()).isEqualTo(matrixId);
        String accessToken = secondLogin.get("access_token").asText();
        MatrixClient person = MatrixClient.builder().homeserverUrl(URI.create(SYNAPSE_URL))
                .accessToken(accessToken).build();
        assertThat(person.whoAmI()).isEqualTo(matrixId);
        assertThat(SYNAPSE.deviceCount(matrixId)).hasValue(2);

        // The department room the workspace invited them to: they accept, and its history is there.
        person.join(departmentRoom);
        assertThat(joinedRooms(accessToken)).contains(departmentRoom);
        assertThat(MatrixStack.read(person, null, departmentRoom, Duration.ofSeconds(10),
                        seen -> seen.stream().anyMatch(event -> earlier.equals(event.body())))
                .messages()).anyMatch(event -> earlier.equals(event.body()));
        // No Matrix password to guess: people have none, Keycloak is the only way in.
        assertThat(passwordLogin(name, password).statusCode()).isEqualTo(403);

        assertThat(scim("PATCH", "/scim/v2/Users/" + scimId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""").statusCode())
                .isEqualTo(200);
        Awaitility.await().atMost(PROVISIONED).untilAsserted(() -> {
            assertThat(SYNAPSE.findUser(matrixId).orElseThrow(AssertionError::new).deactivated()).isTrue();
            assertThat(SYNAPSE.deviceCount(matrixId)).hasValue(0);
        });
        for (JsonNode login : List.of(firstLogin, secondLogin)) {
            HttpResponse<String> whoami = HTTP.send(HttpRequest.newBuilder(
                            URI.create(SYNAPSE_URL + "/_matrix/client/v3/account/whoami"))
                    .header("Authorization", "Bearer " + login.get("access_token").asText()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(whoami.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(whoami.body()).get("errcode").asText()).isEqualTo("M_UNKNOWN_TOKEN");
        }

        // The next sign-in, even from the browser that still holds Keycloak's cookies, ends at
        // Keycloak: no login token comes back to Synapse.
        Page refused = laptopBrowser.get(ssoRedirect());
        if (!refused.html().select("#kc-form-login").isEmpty()) {
            refused = laptopBrowser.submitNoFollow(refused, "#kc-form-login",
                    Map.of("username", name, "password", password));
        }
        assertThat(refused.uri().toString()).startsWith(KEYCLOAK_URL);
        assertThat(BrowserSession.header(refused, "Location")).isNull();
        assertThat(refused.html().select("input[name=otp], input[name=totp]")).isEmpty();
        assertThat(refused.body()).containsIgnoringCase("disabled");
    }

    /** Synapse's SSO redirect as Element starts it, through to Keycloak's form, then the password. */
    private static Page passwordForm(BrowserSession browser, String name, String password) {
        Page login = browser.get(ssoRedirect());
        assertThat(login.uri().toString()).startsWith(KEYCLOAK_URL + "/realms/");
        return browser.submit(login, "#kc-form-login", Map.of("username", name, "password", password));
    }

    private static URI ssoRedirect() {
        return URI.create(SYNAPSE_URL + "/_matrix/client/v3/login/sso/redirect?redirectUrl="
                + URLEncoder.encode(ELEMENT, StandardCharsets.UTF_8));
    }

    /**
     * Follows Keycloak's redirect to Synapse's OIDC callback, which sends the browser on to Element
     * with a one-time login token; returns the token.
     */
    private static String loginToken(BrowserSession browser, Page fromKeycloak) {
        String callback = BrowserSession.header(fromKeycloak, "Location");
        assertThat(callback).as(fromKeycloak.body()).startsWith(SYNAPSE_URL + "/_synapse/client/oidc/callback");
        Page toElement = browser.getNoFollow(URI.create(callback));
        String element = BrowserSession.header(toElement, "Location");
        assertThat(element).as(toElement.body()).startsWith(ELEMENT + "?loginToken=");
        return element.substring((ELEMENT + "?loginToken=").length());
    }

    private static JsonNode matrixLogin(String loginToken) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(
                        URI.create(SYNAPSE_URL + "/_matrix/client/v3/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("type", "m.login.token", "token", loginToken)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JSON.readTree(login.body());
    }

    private static HttpResponse<String> passwordLogin(String localpart, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SYNAPSE_URL + "/_matrix/client/v3/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "type", "m.login.password", "password", password,
                        "identifier", Map.of("type", "m.id.user", "user", localpart))))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> joinedRooms(String accessToken) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(SYNAPSE_URL + "/_matrix/client/v3/joined_rooms"))
                .header("Authorization", "Bearer " + accessToken).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> rooms = new ArrayList<>();
        JSON.readTree(answer.body()).get("joined_rooms").forEach(room -> rooms.add(room.asText()));
        return rooms;
    }

    private HttpResponse<String> scim(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s", "name":{"givenName":"Yating","familyName":"Chen"},
                 "emails":[{"value":"%s@agency.test","primary":true}], "active":true,
                 "roles":[{"value":"staff"}],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance":"unmarked","departments":["%s"],"displayNameZh":"陳雅婷"}}
                """.formatted(userName, userName, DEPARTMENT);
    }
}

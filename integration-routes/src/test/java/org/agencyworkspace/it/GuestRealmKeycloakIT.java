package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.reviews.Review;
import org.agencyworkspace.reviews.Reviews;
import org.agencyworkspace.reviews.ScoringMethod;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.testsupport.Totp;
import org.agencyworkspace.testsupport.TotpAuthenticator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guest reviewers in a Keycloak realm apart from staff, against the real Keycloak of
 * deploy/local: the shipped guest realm file is imported as a realm of this run; an invitation
 * makes the guest's account there (TOTP required, verified e-mail, no roles or groups); the guest
 * opens the mailed link, sets a password, signs in through the guest realm's own client with
 * password and a newly enrolled TOTP and sees only their review; the guest's token is refused by
 * the staff APIs and the guest's session on staff pages; a staff account cannot sign in as a
 * guest; closing the review disables the account and ends its sessions, and the guest is refused
 * at Keycloak and at the workspace; re-inviting reaches the same account.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class GuestRealmKeycloakIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String GUEST_REALM = "agency-guests-it-" + RUN;
    static final String GUEST_CLIENT_SECRET = UUID.randomUUID().toString();
    static final String CONNECTOR_SECRET = UUID.randomUUID().toString();
    static final String STAFF_PASSWORD = "It-Password-" + RUN;
    static final String STAFF_OTP = "otp-secret-" + RUN;
    static final Pattern LINK = Pattern.compile("/guest/invitation/([A-Za-z0-9_-]{43})");
    static final Duration PROVISIONED = Duration.ofSeconds(60);

    static final KeycloakTestAdmin KEYCLOAK = new KeycloakTestAdmin();
    static final OidcTestWorkspace WORKSPACE = new OidcTestWorkspace(KEYCLOAK, "workspace-guests-it", RUN);
    static final String BASE = WORKSPACE.base;
    static final GuestMailbox MAIL = new GuestMailbox();

    @TempDir
    static Path dataDir;

    @Autowired
    Reviews reviews;
    @Autowired
    LocalAccounts accounts;
    @Autowired
    AuditTrail audit;

    @DynamicPropertySource
    static void guestRealm(DynamicPropertyRegistry registry) throws Exception {
        WORKSPACE.register(registry, dataDir);
        MAIL.register(registry);
        String shipped = Files.readString(StackEnvironment.repositoryRoot()
                .resolve("deploy/keycloak/agency-guests-realm.json"));
        JsonNode realm = JSON.readTree(shipped
                .replace("${WORKSPACE_GUEST_OIDC_CLIENT_SECRET}", GUEST_CLIENT_SECRET)
                .replace("${WORKSPACE_GUEST_CONNECTOR_CLIENT_SECRET}", CONNECTOR_SECRET));
        ((ObjectNode) realm).put("realm", GUEST_REALM);
        for (JsonNode client : realm.get("clients")) {
            if ("workspace-guests".equals(client.get("clientId").asText())) {
                ((ObjectNode) client).set("redirectUris",
                        JSON.createArrayNode().add(BASE + "/guest/*"));
            }
        }
        new KeycloakTestAdmin(GUEST_REALM).createRealm(realm.toString());
        // Admin tokens live a minute: each step takes its own.
        new KeycloakTestAdmin().importUser(user("staff"), STAFF_PASSWORD, STAFF_OTP, "secret", List.of("it"), List.of("staff"));
        registry.add("workspace.connectors.keycloak.base-url", () -> KEYCLOAK.baseUrl);
        registry.add("workspace.connectors.keycloak.realm", () -> KEYCLOAK.realm);
        registry.add("workspace.reviews.keycloak.realm", () -> GUEST_REALM);
        registry.add("workspace.reviews.keycloak.client-secret", () -> GUEST_CLIENT_SECRET);
        registry.add("workspace.reviews.keycloak.service-account-client-secret", () -> CONNECTOR_SECRET);
        registry.add("workspace.reviews.keycloak.poll-interval", () -> "300ms");
        registry.add("workspace.reviews.min-members", () -> "1");
    }

    @AfterAll
    static void removeRealmClientAndUsers() {
        MAIL.stop();
        KeycloakTestAdmin staffRealm = new KeycloakTestAdmin();
        staffRealm.deleteUser(user("staff"));
        staffRealm.deleteClient(staffRealm.clientUuid(WORKSPACE.clientId));
        new KeycloakTestAdmin(GUEST_REALM).deleteRealm();
    }

    @Test
    void aGuestLivesInTheGuestRealmSignsInWithTotpAndIsRefusedAfterTheReviewCloses() throws Exception {
        WorkspaceUser officer = officer();
        String guestEmail = "guest-" + RUN + "@university.test";
        String otherEmail = "other-" + RUN + "@institute.test";
        Review review = openReview(officer, "A", guestEmail, "王教授");
        Review other = openReview(officer, "B", otherEmail, "Dr. Lee");

        // The invitation made the account, apart from staff: TOTP required, no roles, no groups.
        KeycloakTestAdmin guestRealm = new KeycloakTestAdmin(GUEST_REALM);
        JsonNode account = awaitAccount(guestRealm, guestEmail);
        assertThat(account.get("enabled").asBoolean()).isTrue();
        assertThat(account.get("emailVerified").asBoolean()).isTrue();
        assertThat(account.get("requiredActions").toString()).contains("CONFIGURE_TOTP");
        String accountId = account.get("id").asText();
        assertThat(guestRealm.get("/users/" + accountId + "/role-mappings/realm")).isEmpty();
        assertThat(guestRealm.get("/users/" + accountId + "/groups")).isEmpty();
        assertThat(new KeycloakTestAdmin().get("/users?exact=true&username=" + enc(guestEmail))).as("not in the staff realm").isEmpty();
        assertThat(audit.recent(new AuditQuery(null, "review.guest.account", null, 50)))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("account", accountId));

        // Knowing the address is not the mailed link: typing it on the sign-in page gives no right
        // to choose the account's password, and the password page does not tell invited from not.
        BrowserSession attacker = new BrowserSession("en");
        attacker.submit(attacker.get(URI.create(BASE + "/guest/login")), "#guest-login", Map.of("email", guestEmail));
        Page noPasswordPage = attacker.getNoFollow(URI.create(BASE + "/guest/password"));
        assertThat(noPasswordPage.status()).isEqualTo(302);
        assertThat(BrowserSession.header(noPasswordPage, "Location")).endsWith("/guest/login");

        // The mailed link, a password of the guest's choosing, then Keycloak: password and TOTP.
        Matcher link = LINK.matcher(MAIL.body(guestEmail, 0));
        assertThat(link.find()).isTrue();
        BrowserSession guest = new BrowserSession("en");
        Page passwordPage = guest.submit(guest.get(URI.create(BASE + "/guest/invitation/" + link.group(1))),
                "#guest-accept", Map.of());
        assertThat(passwordPage.uri().getPath()).isEqualTo("/guest/password");
        String password = "Guest-Pass-" + RUN;
        Page mismatch = guest.submit(passwordPage, "#guest-password", Map.of("password", password, "repeat", "x"));
        assertThat(mismatch.status()).isEqualTo(400);
        Page tooShort = guest.submit(passwordPage, "#guest-password", Map.of("password", "Short-1", "repeat", "Short-1"));
        assertThat(tooShort.status()).as("the guest realm's password policy").isEqualTo(400);
        assertThat(tooShort.html().select("[role=alert] li").text()).contains("does not meet the rules");
        Page keycloakLogin = guest.submit(passwordPage, "#guest-password",
                Map.of("password", password, "repeat", password));
        assertThat(keycloakLogin.uri().toString()).startsWith(KEYCLOAK.baseUrl + "/realms/" + GUEST_REALM + "/")
                .contains("code_challenge_method=S256");
        Page enrol = guest.submit(keycloakLogin, "#kc-form-login", Map.of("username", guestEmail, "password", password));
        String otpSecret = enrol.form("#kc-totp-settings-form").selectFirst("input[name=totpSecret]").attr("value");
        TotpAuthenticator phone = new TotpAuthenticator(otpSecret);
        Page home = guest.submit(enrol, "#kc-totp-settings-form", Map.of("totp", phone.unusedCode(), "userLabel", "phone"));
        assertThat(home.uri().toString()).isEqualTo(BASE + "/guest");
        assertThat(home.html().select("#guest-reviews li")).hasSize(1);
        assertThat(home.html().select("#guest-reviews li").text()).contains(review.caseNumber());
        assertThat(guestRealm.get("/users/" + accountId + "/credentials").toString()).contains("\"otp\"");
        assertThat(audit.recent(new AuditQuery("guest:" + guestIdOf(review), "review.guest.sign-in", null, 5)))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("method", "keycloak"));

        // Only their review.
        JsonNode mine = JSON.readTree(guest.get(URI.create(BASE + "/api/guest/reviews")).body());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("id").asText()).isEqualTo(review.id());
        assertThat(guest.get(URI.create(BASE + "/api/guest/reviews/" + other.id())).status()).isIn(403, 404);
        // The guest's session is no staff session.
        assertThat(guest.getNoFollow(URI.create(BASE + "/api/me")).status()).isEqualTo(403);
        assertThat(guest.getNoFollow(URI.create(BASE + "/reviews")).status()).isEqualTo(403);

        // Replacing the workspace's authenticator app needs a code of the old one (or a mailed code).
        Page firstApp = guest.get(URI.create(BASE + "/guest/totp"));
        assertThat(firstApp.html().select("input[name=current]")).isEmpty();
        String workspaceSecret = firstApp.html().selectFirst("code").text();
        assertThat(guest.submit(firstApp, "#guest-totp", Map.of("code", Totp.now(workspaceSecret))).uri().getQuery())
                .isEqualTo("enrolled");
        Page secondApp = guest.get(URI.create(BASE + "/guest/totp"));
        assertThat(secondApp.html().select("input[name=current]")).hasSize(1);
        Page takeover = guest.submit(secondApp, "#guest-totp", Map.of("current", "000000",
                "code", Totp.now(secondApp.html().selectFirst("code").text())));
        assertThat(takeover.uri().getPath()).isEqualTo("/guest/totp");
        assertThat(audit.recent(new AuditQuery("guest:" + guestIdOf(review), "mfa.enrol", null, 10)))
                .anySatisfy(event -> assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE));

        // Signing out leaves nothing to ride on: the next sign-in asks Keycloak's password again.
        BrowserSession shared = new BrowserSession("en");
        Page sharedLogin = shared.submit(shared.get(URI.create(BASE + "/guest/login")), "#guest-login",
                Map.of("email", guestEmail));
        Page sharedOtp = shared.submit(sharedLogin, "#kc-form-login", Map.of("username", guestEmail, "password", password));
        Page sharedHome = shared.submit(sharedOtp, "#kc-otp-login-form", Map.of("otp", phone.unusedCode()));
        assertThat(sharedHome.uri().toString()).isEqualTo(BASE + "/guest");
        shared.submit(sharedHome, "form[action$='/guest/logout']", Map.of());
        Page afterSignOut = shared.get(URI.create(BASE + "/guest/oauth2/authorization/keycloak-guests"));
        assertThat(afterSignOut.uri().toString()).startsWith(KEYCLOAK.baseUrl + "/realms/" + GUEST_REALM + "/");
        assertThat(afterSignOut.html().select("#kc-form-login")).hasSize(1);

        // A token of the guest realm is nothing to the staff APIs; a staff token nothing to the guest APIs.
        String guestToken = accessToken(GUEST_REALM, "workspace-guests", GUEST_CLIENT_SECRET, guestEmail, password,
                phone.unusedCode());
        assertThat(bearer("/api/me", guestToken).statusCode()).isEqualTo(401);
        assertThat(bearer("/api/reviews", guestToken).statusCode()).isEqualTo(401);
        assertThat(bearer("/api/guest/reviews", guestToken).statusCode()).isEqualTo(401);
        String staffToken = accessToken(KEYCLOAK.realm, WORKSPACE.clientId, WORKSPACE.clientSecret, user("staff"),
                STAFF_PASSWORD, Totp.nowForRawSecret(STAFF_OTP));
        assertThat(bearer("/api/me", staffToken).statusCode()).isEqualTo(200);
        assertThat(bearer("/api/guest/reviews", staffToken).statusCode()).isEqualTo(401);

        // A staff account cannot sign in as a guest: the guest realm does not know it.
        BrowserSession staff = new BrowserSession("en");
        Page guestLogin = staff.get(URI.create(BASE + "/guest/oauth2/authorization/keycloak-guests"));
        Page refused = staff.submit(guestLogin, "#kc-form-login",
                Map.of("username", user("staff"), "password", STAFF_PASSWORD));
        assertThat(refused.uri().toString()).startsWith(KEYCLOAK.baseUrl + "/realms/" + GUEST_REALM + "/");
        assertThat(refused.html().select("#kc-form-login")).hasSize(1);
        assertThat(staff.getNoFollow(URI.create(BASE + "/guest")).status()).isEqualTo(302);

        // Re-inviting the guest (to another review) reaches the same account.
        Review again = openReview(officer, "C", guestEmail, "王教授");
        Awaitility.await().atMost(PROVISIONED).until(() -> audit.recent(new AuditQuery(null, "review.guest.account",
                null, 50)).stream().filter(event -> accountId.equals(event.details().get("account"))).count() >= 2);
        assertThat(new KeycloakTestAdmin(GUEST_REALM).get("/users?exact=true&username=" + enc(guestEmail)))
                .singleElement().satisfies(user -> assertThat(user.get("id").asText()).isEqualTo(accountId));

        // Closing the guest's reviews: account disabled, sessions gone, sign-in refused.
        assertThat(new KeycloakTestAdmin(GUEST_REALM).get("/users/" + accountId + "/sessions")).isNotEmpty();
        reviews.close(review.id(), officer);
        reviews.close(again.id(), officer);
        Awaitility.await().atMost(PROVISIONED).pollInterval(Duration.ofMillis(300)).until(() ->
                !new KeycloakTestAdmin(GUEST_REALM).get("/users/" + accountId).get("enabled").asBoolean());
        KeycloakTestAdmin afterClose = new KeycloakTestAdmin(GUEST_REALM);
        assertThat(afterClose.get("/users/" + accountId + "/sessions")).isEmpty();
        assertThat(audit.recent(new AuditQuery(null, "review.guest.account-disable", null, 20)))
                .anySatisfy(event -> assertThat(event.details()).containsEntry("account", accountId));
        assertThat(guest.getNoFollow(URI.create(BASE + "/api/guest/reviews")).status())
                .as("the workspace session ends with the review").isEqualTo(401);

        // Back after close through the workspace's sign-in page: audited for the detection rule,
        // then Keycloak refuses the disabled account.
        BrowserSession late = new BrowserSession("en");
        Page lateLogin = late.submit(late.get(URI.create(BASE + "/guest/login")), "#guest-login",
                Map.of("email", guestEmail));
        Page disabled = late.submit(lateLogin, "#kc-form-login", Map.of("username", guestEmail, "password", password));
        assertThat(disabled.uri().toString()).startsWith(KEYCLOAK.baseUrl + "/realms/" + GUEST_REALM + "/");
        assertThat(disabled.body()).containsIgnoringCase("disabled");
        assertThat(late.getNoFollow(URI.create(BASE + "/guest")).status()).isEqualTo(302);
        assertThat(audit.recent(new AuditQuery("guest:" + guestIdOf(review), "review.guest.after-close", null, 50)))
                .extracting(AuditEvent::reason).contains("sign-in after the guest's reviews closed");
    }

    private Review openReview(WorkspaceUser officer, String tag, String email, String name) {
        Instant meeting = Instant.now().plus(Duration.ofMinutes(30));
        Review created = reviews.create(new Reviews.NewReview("GUEST-IT-" + RUN + "-" + tag, "委外評選 " + tag,
                ScoringMethod.TOTAL_SCORE, new BigDecimal("70"), "unmarked", meeting, meeting.plus(Duration.ofHours(4)),
                false, List.of(new Reviews.NewCandidate("甲公司", null), new Reviews.NewCandidate("乙公司", null)),
                List.of(new Reviews.NewCriterion("技術能力", new BigDecimal("100"), new BigDecimal("100"))),
                List.of(new Reviews.NewMember(null, email, name, "en"))), officer);
        return reviews.open(created.id(), officer);
    }

    private WorkspaceUser officer() {
        String login = user("officer");
        accounts.rememberFromSource(login, login, login, login + "@agency.test", "secret", List.of("staff"),
                List.of("general-affairs"), true);
        return new WorkspaceUser(login, login, List.of("staff"), List.of("general-affairs"), "secret");
    }

    private String guestIdOf(Review review) {
        return review.members().get(0).guestId();
    }

    private static JsonNode awaitAccount(KeycloakTestAdmin realm, String email) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(PROVISIONED).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode users = new KeycloakTestAdmin(realm.realm).get("/users?exact=true&username=" + enc(email));
            found[0] = users.size() == 1 ? users.get(0) : null;
            return found[0] != null;
        });
        return found[0];
    }

    /** Signs in through a realm's pages like a browser (with PKCE) and exchanges the code itself. */
    private static String accessToken(String realm, String clientId, String secret, String login, String password,
            String otp) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String issuer = KEYCLOAK.baseUrl + "/realms/" + realm;
        String redirect = BASE + (realm.equals(GUEST_REALM) ? "/guest/login/oauth2/code/keycloak-guests"
                : "/login/oauth2/code/keycloak");
        BrowserSession browser = new BrowserSession("en");
        Page loginPage = browser.get(URI.create(issuer + "/protocol/openid-connect/auth?response_type=code&client_id="
                + clientId + "&scope=openid&state=" + RUN + "&redirect_uri=" + enc(redirect)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256"));
        Page otpPage = browser.submit(loginPage, "#kc-form-login", Map.of("username", login, "password", password));
        Page back = browser.submitNoFollow(otpPage, "#kc-otp-login-form", Map.of("otp", otp));
        String location = BrowserSession.header(back, "Location");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as(location).isTrue();
        String form = "grant_type=authorization_code&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&code=" + enc(code.group(1)) + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return JSON.readTree(tokens.body()).get("access_token").asText();
    }

    private static HttpResponse<String> bearer(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String user(String role) {
        return "guests-it-" + role + "-" + RUN;
    }
}

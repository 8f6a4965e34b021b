package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.security.AccessChanged;
import org.agencyworkspace.security.SessionGuard;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on with the real Keycloak of {@code deploy/local}: a browser signs in with password
 * and OTP through the authorization code flow with PKCE; an API client presents a bearer token;
 * the clearance claim reaches the workspace; missing and tampered tokens are refused.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OidcKeycloakIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PASSWORD = "It-Password-" + RUN;
    static final String OTP_SECRET = "otp-secret-" + RUN;

    static final KeycloakTestAdmin KEYCLOAK = new KeycloakTestAdmin();
    static final OidcTestWorkspace WORKSPACE = new OidcTestWorkspace(KEYCLOAK, "workspace-it", RUN);
    static final String BASE = WORKSPACE.base;
    static final String CLIENT_ID = WORKSPACE.clientId;
    static final String CLIENT_SECRET = WORKSPACE.clientSecret;

    @TempDir
    static Path dataDir;

    @Autowired
    AuditTrail audit;

    @Autowired
    StaffDirectory directory;

    @Autowired
    LocalAccounts accounts;

    @Autowired
    SessionGuard guard;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        WORKSPACE.register(registry, dataDir);
        KEYCLOAK.importUser(user("browser"), PASSWORD, OTP_SECRET, "confidential",
                List.of("security"), List.of("staff", "admin"));
        KEYCLOAK.importUser(user("api"), PASSWORD, OTP_SECRET, "secret", List.of("it"),
                List.of("staff"));
        KEYCLOAK.importUser(user("leaver"), PASSWORD, OTP_SECRET, "secret", List.of("it"),
                List.of("staff"));
        KEYCLOAK.importUser(user("gone"), PASSWORD, OTP_SECRET, "secret", List.of("it"),
                List.of("staff"));
    }

    @AfterAll
    static void removeTestClientAndUsers() {
        KEYCLOAK.deleteUser(user("browser"));
        KEYCLOAK.deleteUser(user("api"));
        KEYCLOAK.deleteUser(user("leaver"));
        KEYCLOAK.deleteUser(user("gone"));
        WORKSPACE.removeClient();
    }

    @Test
    void aBrowserSignsInWithPasswordAndOtpAndTheClearanceArrives() throws IOException {
        BrowserSession browser = new BrowserSession("en");

        Page login = browser.get(URI.create(BASE + "/"));
        assertThat(login.uri().getPath()).isEqualTo("/login");
        Page keycloak = browser.get(URI.create(login.html().selectFirst("#sso").absUrl("href")));
        assertThat(keycloak.uri().toString()).startsWith(KEYCLOAK.issuer())
                .contains("code_challenge_method=S256");
        Page otp = browser.submit(keycloak, "#kc-form-login",
                Map.of("username", user("browser"), "password", PASSWORD));
        Page home = browser.submit(otp, "form[action*=login-actions]",
                Map.of("otp", Totp.nowForRawSecret(OTP_SECRET)));

        assertThat(home.uri().toString()).isEqualTo(BASE + "/");
        assertThat(home.html().select("h1").text()).isEqualTo("Good day, Test " + user("browser"));
        JsonNode me = JSON.readTree(browser.get(URI.create(BASE + "/api/me")).body());
        assertThat(me.get("login").asText()).isEqualTo(user("browser"));
        assertThat(me.get("clearance").asText()).isEqualTo("confidential");
        assertThat(me.get("departments").toString()).isEqualTo("[\"security\"]");
        assertThat(me.get("roles").toString()).contains("admin", "staff");
        assertThat(browser.get(URI.create(BASE + "/admin/dead-letters")).status()).isEqualTo(200);
        assertThat(directory.membersOf("admin")).contains(user("browser"));
        assertThat(directory.membersOf("security")).contains(user("browser"));
        assertThat(audit.recent(new AuditQuery(user("browser"), "login.success", null, 5)))
                .singleElement().satisfies(event ->
                        assertThat(event.details()).containsEntry("method", "oidc"));
    }

    @Test
    void anApiClientIsAdmittedWithAValidBearerTokenOnly() throws Exception {
        String token = accessTokenFor(user("api"));

        HttpResponse<String> me = call("/api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.get("login").asText()).isEqualTo(user("api"));
        assertThat(body.get("clearance").asText()).isEqualTo("secret");

        assertThat(call("/api/admin/dead-letters", token).statusCode()).isEqualTo(403);

        HttpResponse<String> none = call("/api/me", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));

        assertThat(call("/api/me", tamperedSignature(token)).statusCode()).isEqualTo(401);
        assertThat(call("/api/me", withClaim(token, "clearance", "absolutely-secret")).statusCode())
                .isEqualTo(401);
    }

    /**
     * Issue 12, item 12: a token (or a Keycloak session) outlives a revocation that reached the
     * workspace's directory but not yet Keycloak. Both were admitted before the fix.
     */
    @Test
    void someoneSwitchedOffInTheDirectoryIsRefusedDespiteAValidTokenOrKeycloakSession()
            throws Exception {
        String token = accessTokenFor(user("leaver"));
        assertThat(call("/api/me", token).statusCode()).isEqualTo(200);

        // What the directory target's revocation does for a leaver.
        switchedOff(user("leaver"));
        switchedOff(user("gone"));

        HttpResponse<String> refused = call("/api/me", token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("account disabled");
        assertThat(audit.recent(new AuditQuery(user("leaver"), "session.end", null, 5)))
                .extracting(AuditEvent::reason).contains("account disabled");

        BrowserSession browser = new BrowserSession("en");
        Page login = browser.get(URI.create(BASE + "/login"));
        Page keycloak = browser.get(URI.create(login.html().selectFirst("#sso").absUrl("href")));
        Page otp = browser.submit(keycloak, "#kc-form-login",
                Map.of("username", user("gone"), "password", PASSWORD));
        Page back = browser.submit(otp, "form[action*=login-actions]",
                Map.of("otp", Totp.nowForRawSecret(OTP_SECRET)));
        assertThat(back.uri().getPath()).isEqualTo("/login");
        assertThat(browser.get(URI.create(BASE + "/api/me")).status()).isEqualTo(401);
        assertThat(audit.recent(new AuditQuery(user("gone"), "login.failure", null, 5)))
                .extracting(AuditEvent::reason).contains("account disabled");
        assertThat(accounts.find(user("gone")).orElseThrow().enabled()).isFalse();
    }

    private void switchedOff(String login) {
        accounts.rememberFromSource(login, login, login, login + "@agency.test", "secret",
                List.of("staff"), List.of("it"), false);
        guard.accessChanged(new AccessChanged(login));
    }

    /** Signs in through Keycloak's pages like a browser would and exchanges the code itself. */
    private String accessTokenFor(String login) throws Exception {
        String verifier = randomUrlSafe(48);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = BASE + "/login/oauth2/code/keycloak";
        URI authorize = URI.create(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?response_type=code"
                + "&client_id=" + CLIENT_ID + "&scope=openid&state=" + randomUrlSafe(12)
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        BrowserSession browser = new BrowserSession("en");
        Page otp = browser.submit(browser.get(authorize), "#kc-form-login",
                Map.of("username", login, "password", PASSWORD));
        Page redirected = browser.submitNoFollow(otp, "form[action*=login-actions]",
                Map.of("otp", Totp.nowForRawSecret(OTP_SECRET)));
        String location = BrowserSession.header(redirected, "Location");
        assertThat(location).startsWith(redirect);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        return KEYCLOAK.exchangeCode(CLIENT_ID, CLIENT_SECRET, code, redirect, verifier)
                .get("access_token").asText();
    }

    private static HttpResponse<String> call(String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tamperedSignature(String jwt) {
        char last = jwt.charAt(jwt.length() - 2);
        return jwt.substring(0, jwt.length() - 2) + (last == 'A' ? 'B' : 'A') + jwt.charAt(jwt.length() - 1);
    }

    /** The same token with one claim rewritten and the original signature kept. */
    private static String withClaim(String jwt, String claim, String value) throws IOException {
        String[] parts = jwt.split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode payload = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        payload.put(claim, value);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(payload)) + "." + parts[2];
    }

    private static String user(String role) {
        return "it-" + role + "-" + RUN;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

}

package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
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
 * Step-up against the real Keycloak of {@code deploy/local} with the shipped realm's levels: a
 * sign-in reaches {@code mfa}; a page that needs a step-up sends the browser back to Keycloak
 * with {@code acr_values=mfa-recent} and {@code max_age}; after password and OTP again the page
 * opens; once the (here 5-second) window has passed it asks again. A browser that drops the
 * requested level comes back at {@code mfa} and is refused.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class StepUpKeycloakIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PASSWORD = "It-Password-" + RUN;
    static final String OTP_SECRET = "otp-secret-" + RUN;
    static final int WINDOW_SECONDS = 5;

    static final KeycloakTestAdmin KEYCLOAK = new KeycloakTestAdmin();
    static final OidcTestWorkspace WORKSPACE = new OidcTestWorkspace(KEYCLOAK, "workspace-stepup-it", RUN);
    static final String BASE = WORKSPACE.base;
    static final String CLIENT_ID = WORKSPACE.clientId;
    static final String CLIENT_SECRET = WORKSPACE.clientSecret;

    @TempDir
    static Path dataDir;

    @Autowired
    AuditTrail audit;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        WORKSPACE.register(registry, dataDir);
        for (String role : new String[] {"signer", "tamperer"}) {
            KEYCLOAK.importUser(user(role), PASSWORD, OTP_SECRET + role, "secret",
                    List.of("general-affairs"), List.of("staff"));
        }
        registry.add("workspace.security.step-up.max-age", () -> WINDOW_SECONDS + "s");
    }

    @AfterAll
    static void removeTestClientAndUsers() {
        KEYCLOAK.deleteUser(user("signer"));
        KEYCLOAK.deleteUser(user("tamperer"));
        WORKSPACE.removeClient();
    }

    @Test
    void aProtectedPageDemandsARecentReauthenticationAndAsksAgainOnceItLapses() throws IOException {
        TotpAuthenticator phone = new TotpAuthenticator(OTP_SECRET + "signer");
        BrowserSession browser = new BrowserSession("en");
        signIn(browser, user("signer"), phone);

        JsonNode signedIn = status(browser);
        assertThat(signedIn.get("level").asText()).isEqualTo("mfa");
        assertThat(signedIn.get("outcome").asText()).isEqualTo("LEVEL_TOO_LOW");

        Instant firstAsked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Page secure = reauthenticate(browser, phone);
        assertThat(secure.status()).isEqualTo(200);
        assertThat(secure.uri().getPath()).isEqualTo("/secure/check");
        assertThat(secure.html().select("#step-up-confirmed").text()).startsWith("You confirmed your identity at");
        JsonNode steppedUp = status(browser);
        assertThat(steppedUp.get("outcome").asText()).isEqualTo("SATISFIED");
        assertThat(steppedUp.get("level").asText()).isEqualTo("mfa-recent");
        Instant firstStepUp = Instant.parse(steppedUp.get("authenticatedAt").asText());
        assertThat(firstStepUp).isAfterOrEqualTo(firstAsked);
        assertThat(Instant.parse(steppedUp.get("expiresAt").asText()))
                .isEqualTo(firstStepUp.plusSeconds(WINDOW_SECONDS));
        // Within the window the page opens without asking.
        assertThat(browser.getNoFollow(URI.create(BASE + "/secure/check")).status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(WINDOW_SECONDS * 4L))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status(browser).get("outcome").asText().equals("LAPSED"));
        Instant secondAsked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Page again = reauthenticate(browser, phone);
        assertThat(again.uri().getPath()).isEqualTo("/secure/check");
        Instant secondStepUp = Instant.parse(status(browser).get("authenticatedAt").asText());
        assertThat(secondStepUp).isAfterOrEqualTo(secondAsked).isAfter(firstStepUp);

        assertThat(audit.recent(new AuditQuery(user("signer"), "step-up.success", null, 5)))
                .hasSize(2).allSatisfy(event -> assertThat(event.details())
                        .containsEntry("method", "oidc").containsEntry("level", "mfa-recent"));
    }

    @Test
    void aBrowserThatDropsTheRequestedLevelIsRefused() {
        TotpAuthenticator phone = new TotpAuthenticator(OTP_SECRET + "tamperer");
        BrowserSession browser = new BrowserSession("en");
        signIn(browser, user("tamperer"), phone);

        URI authorize = stepUpAuthorizationRequest(browser);
        URI withoutLevel = URI.create(authorize.toString().replaceAll("&(acr_values|max_age)=[^&]*", ""));
        // Keycloak's session already has level mfa, so it answers at once without asking.
        Page answer = browser.get(withoutLevel);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.uri().getPath()).isEqualTo("/step-up/refused");
        assertThat(audit.recent(new AuditQuery(user("tamperer"), "step-up.failure", null, 5)))
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                    assertThat(event.reason()).contains("LEVEL_TOO_LOW", "acr mfa");
                });
    }

    /** Signs in through Keycloak's pages with password and OTP; ends on the home page. */
    private void signIn(BrowserSession browser, String login, TotpAuthenticator phone) {
        Page loginPage = browser.get(URI.create(BASE + "/"));
        Page keycloak = browser.get(URI.create(loginPage.html().selectFirst("#sso").absUrl("href")));
        Page otp = browser.submit(keycloak, "#kc-form-login", Map.of("username", login, "password", PASSWORD));
        Page home = browser.submit(otp, "form[action*=login-actions]", Map.of("otp", phone.unusedCode()));
        assertThat(home.uri().toString()).isEqualTo(BASE + "/");
    }

    /** Opens the protected page, which sends the browser to Keycloak; gives password and OTP again. */
    private Page reauthenticate(BrowserSession browser, TotpAuthenticator phone) {
        Page passwordAgain = browser.get(stepUpAuthorizationRequest(browser));
        assertThat(passwordAgain.uri().toString()).startsWith(KEYCLOAK.issuer());
        assertThat(passwordAgain.html().select("input[name=password]")).hasSize(1);
        Page otp = browser.submit(passwordAgain, "#kc-form-login", Map.of("password", PASSWORD));
        return browser.submit(otp, "form[action*=login-actions]", Map.of("otp", phone.unusedCode()));
    }

    /** The authorization request the protected page leads to, checked for the step-up parameters. */
    private URI stepUpAuthorizationRequest(BrowserSession browser) {
        Page protectedPage = browser.getNoFollow(URI.create(BASE + "/secure/check"));
        assertThat(protectedPage.status()).isEqualTo(302);
        String start = BrowserSession.header(protectedPage, "Location");
        assertThat(start).endsWith("/oauth2/authorization/keycloak?step-up");
        Page toKeycloak = browser.getNoFollow(URI.create(BASE).resolve(start));
        URI authorize = URI.create(BrowserSession.header(toKeycloak, "Location"));
        assertThat(authorize.toString()).startsWith(KEYCLOAK.issuer())
                .contains("acr_values=mfa-recent", "max_age=" + WINDOW_SECONDS,
                        "code_challenge_method=S256", "code_challenge=");
        return authorize;
    }

    private static JsonNode status(BrowserSession browser) throws IOException {
        Page page = browser.getNoFollow(URI.create(BASE + "/step-up/status"));
        assertThat(page.status()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    private static String user(String role) {
        return "it-" + role + "-" + RUN;
    }

}

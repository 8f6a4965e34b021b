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
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.OffsetClock;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Step-up on the embedded default, over HTTP: a signed-in person opening a protected page types
 * a current code again; a reused code is refused and audited; the step-up lapses with the
 * application's clock after the window.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedStepUpIT {

    static final String PASSWORD = "Demo-Password-2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final OffsetClock CLOCK = new OffsetClock();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.initial-password", () -> PASSWORD);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {
        @Bean
        @Primary
        OffsetClock movableClock() {
            return CLOCK;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void aProtectedPageAsksForACodeAgainAndTheConfirmationLapses() throws IOException {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession browser = new BrowserSession("en");
        logins.signIn(browser, "alice");
        assertThat(status(browser).get("outcome").asText()).isEqualTo("LEVEL_TOO_LOW");

        Page codePage = browser.get(uri("/secure/check"));
        assertThat(codePage.uri().getPath()).isEqualTo("/step-up/totp");
        assertThat(codePage.html().select("h1").text()).isEqualTo("Confirm it is you");

        Page reused = browser.submit(codePage, "#step-up-form", Map.of("code", logins.lastUsedCode("alice")));
        assertThat(reused.uri().toString()).endsWith("/step-up/totp?error");
        assertThat(audit.recent(new AuditQuery("alice", "step-up.failure", null, 5)))
                .singleElement().satisfies(event -> assertThat(event.reason()).isEqualTo("code reused"));

        Page secure = browser.submit(reused, "#step-up-form", Map.of("code", logins.nextCode("alice")));
        assertThat(secure.status()).isEqualTo(200);
        assertThat(secure.uri().getPath()).isEqualTo("/secure/check");
        assertThat(secure.html().select("#step-up-confirmed").text()).startsWith("You confirmed your identity at");
        JsonNode steppedUp = status(browser);
        assertThat(steppedUp.get("outcome").asText()).isEqualTo("SATISFIED");
        assertThat(steppedUp.get("level").asText()).isEqualTo("mfa-recent");
        assertThat(Instant.parse(steppedUp.get("expiresAt").asText())).isEqualTo(
                Instant.parse(steppedUp.get("authenticatedAt").asText())
                        .truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(5)));
        assertThat(audit.recent(new AuditQuery("alice", "step-up.success", null, 5)))
                .singleElement().satisfies(event ->
                        assertThat(event.details()).containsEntry("method", "local-totp"));

        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(status(browser).get("outcome").asText()).isEqualTo("LAPSED");
        assertThat(browser.get(uri("/secure/check")).uri().getPath()).isEqualTo("/step-up/totp");
    }

    @Test
    void theCodePageSpeaksTraditionalChinese() {
        LocalLogins logins = new LocalLogins(uri("/"), PASSWORD, dataDir);
        BrowserSession browser = new BrowserSession("zh-TW");
        logins.signIn(browser, "bob");

        Page codePage = browser.get(uri("/secure/check"));

        assertThat(codePage.html().select("h1").text()).isEqualTo("確認是您本人");
        assertThat(codePage.html().select("main p").first().text()).contains("5 分鐘");
    }

    @AfterEach
    void realTimeAgain() {
        CLOCK.reset();
    }

    private JsonNode status(BrowserSession browser) throws IOException {
        return JSON.readTree(browser.get(uri("/step-up/status")).body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

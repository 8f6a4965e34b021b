package org.agencyworkspace.connector.syncope;

import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.BASIC;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.builder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.syncope.SyncopeConnector.AuthMode;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.agencyworkspace.connector.syncope.SyncopeStub.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncopeAuthenticationTest {

    private static final Instant START = Instant.parse("2025-02-03T01:00:00Z");
    private static final String FIRST_JWT = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJzdmMifQ.first";
    private static final String SECOND_JWT = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJzdmMifQ.second";

    private final SyncopeStub syncope = new SyncopeStub();
    private final MovableClock clock = new MovableClock(START);

    @AfterEach
    void stop() {
        syncope.close();
    }

    @Test
    void basicAuthenticationAndTheDomainGoWithEveryRequest() {
        syncope.on("GET", "/users/ann.lee", Reply.fixture(200, "user-ann.json"));
        syncope.on("GET", "/groups/hr", Reply.fixture(200, "group-hr.json"));
        SyncopeConnector connector = builder(syncope).domain("Agency").build();

        connector.findUser("ann.lee");
        connector.findGroup("hr");

        assertThat(syncope.received()).hasSize(2).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo(BASIC);
            assertThat(request.header("X-Syncope-Domain")).isEqualTo("Agency");
        });
        assertThat(syncope.received("POST", "/accessTokens/login")).isEmpty();
    }

    @Test
    void jwtModeLogsInOnceAndSendsTheTokenAsBearer() {
        syncope.on("POST", "/accessTokens/login", login(FIRST_JWT, "2025-02-03T04:00:00+02:00"));
        syncope.on("GET", "/users/ann.lee", Reply.fixture(200, "user-ann.json"));
        SyncopeConnector connector = jwtConnector();

        connector.findUser("ann.lee");
        clock.advance(Duration.ofMinutes(58));
        connector.findUser("ann.lee");

        Request login = syncope.only("POST", "/accessTokens/login");
        assertThat(login.header("Authorization")).isEqualTo(BASIC);
        assertThat(login.header("X-Syncope-Domain")).isEqualTo("Master");
        assertThat(login.body()).isEmpty();
        assertThat(syncope.received("GET", "/users/ann.lee")).hasSize(2)
                .allSatisfy(request -> {
                    assertThat(request.header("Authorization")).isEqualTo("Bearer " + FIRST_JWT);
                    assertThat(request.header("X-Syncope-Domain")).isEqualTo("Master");
                });
    }

    @Test
    void aTokenNearItsExpiryIsReplacedBeforeUse() {
        syncope.on("POST", "/accessTokens/login",
                login(FIRST_JWT, "2025-02-03T02:00:00Z"),
                login(SECOND_JWT, "2025-02-03T03:00:00.250Z"));
        syncope.on("GET", "/users/ann.lee", Reply.fixture(200, "user-ann.json"));
        SyncopeConnector connector = jwtConnector();

        connector.findUser("ann.lee");
        clock.advance(Duration.ofMinutes(59).plusSeconds(1));
        connector.findUser("ann.lee");

        assertThat(syncope.received("POST", "/accessTokens/login")).hasSize(2);
        assertThat(syncope.received("GET", "/users/ann.lee"))
                .extracting(request -> request.header("Authorization"))
                .containsExactly("Bearer " + FIRST_JWT, "Bearer " + SECOND_JWT);
    }

    @Test
    void aTokenSyncopeNoLongerAcceptsIsReplacedByOneFreshLogin() {
        syncope.on("POST", "/accessTokens/login",
                login(FIRST_JWT, "2025-02-03T03:00:00Z"), login(SECOND_JWT, "2025-02-03T03:00:00Z"));
        syncope.on("GET", "/users/ann.lee", Reply.fixture(200, "user-ann.json"),
                Reply.empty(401), Reply.fixture(200, "user-ann.json"));
        SyncopeConnector connector = jwtConnector();

        connector.findUser("ann.lee");
        assertThat(connector.findUser("ann.lee")).isPresent();

        assertThat(syncope.received("POST", "/accessTokens/login")).hasSize(2);
        assertThat(syncope.received("GET", "/users/ann.lee"))
                .extracting(request -> request.header("Authorization"))
                .containsExactly("Bearer " + FIRST_JWT, "Bearer " + FIRST_JWT,
                        "Bearer " + SECOND_JWT);
    }

    @Test
    void aTokenRefusedAgainAfterAFreshLoginIsAccessDenied() {
        syncope.on("POST", "/accessTokens/login", login(FIRST_JWT, "2025-02-03T03:00:00Z"));
        syncope.on("GET", "/users/ann.lee", Reply.empty(401));
        SyncopeConnector connector = jwtConnector();

        assertThatThrownBy(() -> connector.findUser("ann.lee"))
                .isInstanceOfSatisfying(SyncopeAccessDeniedException.class,
                        e -> assertThat(e.status()).isEqualTo(401));
        assertThat(syncope.received("POST", "/accessTokens/login")).hasSize(2);
        assertThat(syncope.received("GET", "/users/ann.lee")).hasSize(2);
    }

    @Test
    void aTokenWithoutAnnouncedExpiryIsKeptUntilRefused() {
        syncope.on("POST", "/accessTokens/login", new Reply(204,
                Map.of("X-Syncope-Token", List.of(FIRST_JWT)), ""));
        syncope.on("GET", "/users/ann.lee", Reply.fixture(200, "user-ann.json"));
        SyncopeConnector connector = jwtConnector();

        connector.findUser("ann.lee");
        clock.advance(Duration.ofDays(2));
        connector.findUser("ann.lee");

        assertThat(syncope.received("POST", "/accessTokens/login")).hasSize(1);
    }

    @Test
    void refusedServiceCredentialsFailTheLoginWithoutCallingFurther() {
        syncope.on("POST", "/accessTokens/login", new Reply(401,
                Map.of("WWW-Authenticate", List.of("Basic realm=\"Apache Syncope authentication\"")),
                ""));
        SyncopeConnector connector = jwtConnector();

        assertThatThrownBy(() -> connector.findUser("ann.lee"))
                .isInstanceOf(SyncopeAccessDeniedException.class)
                .hasMessageContaining("log in refused (HTTP 401)")
                .hasMessageNotContaining(SyncopeTestSupport.SERVICE_PASSWORD);
        assertThat(syncope.received("GET", "/users/ann.lee")).isEmpty();
    }

    @Test
    void aLoginAnswerWithoutTokenIsAPermanentFailure() {
        syncope.on("POST", "/accessTokens/login", Reply.empty(204));

        assertThatThrownBy(() -> jwtConnector().findUser("ann.lee"))
                .isExactlyInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("log in answered without X-Syncope-Token");
    }

    private SyncopeConnector jwtConnector() {
        return builder(syncope).authMode(AuthMode.JWT).clock(clock).build();
    }

    /** {@code AccessTokenServiceImpl.login()}: 204 with the token and its ISO expiry. */
    private static Reply login(String jwt, String expiry) {
        return Reply.empty(204).header("X-Syncope-Token", jwt)
                .header("X-Syncope-Token-Expire", expiry);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

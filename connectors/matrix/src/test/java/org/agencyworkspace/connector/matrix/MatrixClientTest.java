package org.agencyworkspace.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.testsupport.CannedHttpServer;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.Test;

/**
 * What a real Synapse here will not do on demand: answer 429 (its limits are raised for tests and
 * the application service is not rate-limited). The answers are shaped as the spec documents.
 */
class MatrixClientTest {

    private static final String SEND = "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/t1";
    private static final String INVITE = "/_matrix/client/v3/rooms/!r:hs/invite";
    private static final Answer NO_MEMBERSHIP = Answer.json(404,
            "{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Event not found.\"}");
    private static final String MEMBER = "/_matrix/client/v3/rooms/!r:hs/state/m.room.member/@u:hs";

    @Test
    void a429CarriesTheRetryAfterHeaderInSeconds() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(SEND, new Answer(429, Map.of("Retry-After", "3",
                    "Content-Type", "application/json"),
                    "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":9000}"));
            MatrixClient client = client(server);

            assertThatThrownBy(() -> client.send("!r:hs", "t1", RoomMessage.notice("hi")))
                    .isInstanceOfSatisfying(MatrixRateLimitedException.class, limited -> {
                        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));
                        assertThat(limited.retryable()).isTrue();
                        assertThat(limited.status()).isEqualTo(429);
                    });
        }
    }

    @Test
    void withoutTheHeaderTheDeprecatedBodyFieldIsHonoured() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(SEND, Answer.json(429,
                    "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"retry_after_ms\":1500}"));

            assertThatThrownBy(() -> client(server).send("!r:hs", "t1", RoomMessage.notice("hi")))
                    .isInstanceOfSatisfying(MatrixRateLimitedException.class, limited ->
                            assertThat(limited.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
        }
    }

    @Test
    void sendsTheAccessTokenAndTheMasqueradedUserAndAThreadRelation() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(SEND, Answer.json(200, "{\"event_id\":\"$e1\"}"));

            String eventId = client(server).actingAs("@aw_x:hs")
                    .send("!r:hs", "t1", RoomMessage.notice("ok").inThread("$root"));

            assertThat(eventId).isEqualTo("$e1");
            CannedHttpServer.Received request = server.received().get(0);
            assertThat(request.headers()).containsEntry("Authorization", "Bearer as-secret");
            assertThat(request.path()).endsWith("?user_id=%40aw_x%3Ahs");
            assertThat(request.body()).contains("\"rel_type\":\"m.thread\"")
                    .contains("\"event_id\":\"$root\"").contains("\"msgtype\":\"m.notice\"");
        }
    }

    @Test
    void aForbiddenSendIsPermanent() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(SEND, Answer.json(403, "{\"errcode\":\"M_FORBIDDEN\",\"error\":\"not in room\"}"));

            assertThatThrownBy(() -> client(server).send("!r:hs", "t1", RoomMessage.notice("hi")))
                    .isInstanceOf(PermanentConnectorException.class).hasMessageContaining("403");
        }
    }

    /** Failed before the fix: the race with a room being created was dead-lettered as permanent. */
    @Test
    void anInviteRefusedBecauseTheBotIsNotInTheRoomYetIsRetried() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(MEMBER, NO_MEMBERSHIP);
            server.on(INVITE, Answer.json(403, "{\"errcode\":\"M_FORBIDDEN\","
                    + "\"error\":\"User @bot:hs not in room !r:hs (None)\"}"));

            assertThatThrownBy(() -> client(server).invite("!r:hs", "@u:hs", "org chart"))
                    .isInstanceOfSatisfying(TransientConnectorException.class, retried ->
                            assertThat(retried.status()).isEqualTo(403));
        }
    }

    @Test
    void readingMembershipOfARoomTheBotIsNotInYetIsRetried() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(MEMBER, Answer.json(403, "{\"errcode\":\"M_FORBIDDEN\","
                    + "\"error\":\"User @bot:hs not in room !r:hs, and room previews are disabled\"}"));

            assertThatThrownBy(() -> client(server).kick("!r:hs", "@u:hs", "org chart"))
                    .isInstanceOf(TransientConnectorException.class);
        }
    }

    @Test
    void anyOtherForbiddenInviteStaysPermanent() {
        try (CannedHttpServer server = new CannedHttpServer()) {
            server.on(MEMBER, NO_MEMBERSHIP);
            server.on(INVITE, Answer.json(403, "{\"errcode\":\"M_FORBIDDEN\","
                    + "\"error\":\"You don't have permission to invite users\"}"));

            assertThatThrownBy(() -> client(server).invite("!r:hs", "@u:hs", "org chart"))
                    .isInstanceOf(PermanentConnectorException.class);
        }
    }

    private static MatrixClient client(CannedHttpServer server) {
        return MatrixClient.builder().homeserverUrl(server.baseUri()).accessToken("as-secret").build();
    }
}

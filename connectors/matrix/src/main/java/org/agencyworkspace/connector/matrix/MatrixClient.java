package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorBuilder;

/**
 * The Client-Server API as one user: the application service's bot with the {@code as_token},
 * a namespaced user the bot acts as ({@link #actingAs}), or any user with an access token.
 * Build it with {@link #builder()}.
 *
 * <p>Every method may throw {@link MatrixRateLimitedException} (429, with the delay the server
 * asked for), {@link org.agencyworkspace.connector.TransientConnectorException} (unreachable, 5xx)
 * or {@link org.agencyworkspace.connector.PermanentConnectorException} (any other refusal, e.g.
 * 403 {@code M_FORBIDDEN} when the user may not act in the room).
 */
public interface MatrixClient {

    /** The user this client acts as, from {@code GET /account/whoami}. */
    String whoAmI();

    /**
     * The same client masquerading as {@code userId} ({@code ?user_id=}); only an application
     * service may do so, and only for users in its namespace.
     */
    MatrixClient actingAs(String userId);

    /**
     * {@code PUT /rooms/{roomId}/send/m.room.message/{txnId}}. Sending again with the same
     * transaction id returns the first event id instead of posting twice, as long as the same
     * user (and device) sends it: the exactly-once key of a delivery.
     *
     * @return the event id
     */
    String send(String roomId, String txnId, RoomMessage message);

    /** {@code POST /createRoom}; returns the new room's id. */
    String createRoom(RoomSpec spec);

    /** {@code GET /directory/room/{alias}}: the room id, or empty when no room has the alias. */
    Optional<String> resolveAlias(String alias);

    /** {@code POST /join/{roomIdOrAlias}}; returns the room id. Joining twice is fine. */
    String join(String roomIdOrAlias);

    /** {@code POST /rooms/{roomId}/leave}. */
    void leave(String roomId);

    /**
     * {@code POST /rooms/{roomId}/invite}. Inviting someone already invited or joined is not an
     * error: the outcome is what was asked.
     *
     * @return false when the user was already a member or invited, so nothing changed
     */
    boolean invite(String roomId, String userId, String reason);

    /**
     * {@code POST /rooms/{roomId}/kick}: removes a member or withdraws an invitation.
     *
     * @return false when the user was neither, so nothing changed
     */
    boolean kick(String roomId, String userId, String reason);

    /** {@code GET /rooms/{roomId}/joined_members}: user ids of the joined members. */
    List<String> joinedMembers(String roomId);

    /**
     * Membership of {@code userId} in the room ({@code join}, {@code invite}, {@code leave},
     * {@code ban}), from its {@code m.room.member} state; empty when there is none.
     */
    default Optional<String> membership(String roomId, String userId) {
        return state(roomId, "m.room.member", userId)
                .map(content -> content.path("membership").asText(null));
    }

    /** {@code GET /rooms/{roomId}/state/{type}/{stateKey}}: the content, or empty when unset. */
    Optional<JsonNode> state(String roomId, String type, String stateKey);

    /** {@code PUT /rooms/{roomId}/state/{type}/{stateKey}}; returns the event id. Last write wins. */
    String putState(String roomId, String type, String stateKey, JsonNode content);

    /** {@code POST /_matrix/media/v3/upload}; returns the {@code mxc://} URI. */
    String upload(String fileName, String contentType, byte[] content);

    /**
     * {@code GET /sync}: long-polls for up to {@code timeout}; {@code since} null for the initial
     * sync (timeline limited to the last few events per room).
     */
    default SyncBatch sync(String since, Duration timeout) {
        return sync(since, timeout, 20);
    }

    /** Like {@link #sync(String, Duration)} with at most {@code timelineLimit} events per room. */
    SyncBatch sync(String since, Duration timeout, int timelineLimit);

    /**
     * {@code POST /register} with {@code m.login.application_service}: creates a user in the
     * application service's namespace; true when created, false when it existed.
     */
    boolean registerNamespacedUser(String localpart);

    /**
     * {@code POST /_matrix/client/v1/appservice/{id}/ping}: asks the homeserver to reach the
     * application service now, which also ends the backoff it keeps while the service was down.
     *
     * @return how long the homeserver's round trip took
     */
    Duration ping(String appserviceId, String transactionId);

    static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link MatrixClient}; {@link #build()} checks them. */
    final class Builder extends ConnectorBuilder<Builder> {
        private URI homeserverUrl;
        private String accessToken;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        /** Client-Server base URL, e.g. {@code http://127.0.0.1:8008}. */
        public Builder homeserverUrl(URI homeserverUrl) {
            this.homeserverUrl = homeserverUrl;
            return this;
        }

        /** The application service's {@code as_token}, or a user's access token. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        public MatrixClient build() {
            requireHttpUrl(homeserverUrl, "homeserverUrl");
            requireText(accessToken, "accessToken");
            checkTimeouts();
            return new HttpMatrixClient(new MatrixHttp(homeserverUrl, accessToken,
                    connectTimeout(), requestTimeout()), null);
        }

        @Override
        public String toString() {
            return "MatrixClient.Builder[homeserverUrl=" + homeserverUrl + ", accessToken=******]";
        }
    }
}

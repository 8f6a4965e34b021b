package org.agencyworkspace.connector.matrix;

import static org.agencyworkspace.connector.matrix.MatrixHttp.ANSWERS;
import static org.agencyworkspace.connector.matrix.MatrixHttp.JSON;
import static org.agencyworkspace.connector.matrix.MatrixHttp.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;

final class HttpMatrixClient implements MatrixClient {

    private static final String CLIENT = "/_matrix/client/v3";

    private final MatrixHttp http;
    private final String actingAs;

    HttpMatrixClient(MatrixHttp http, String actingAs) {
        this.http = http;
        this.actingAs = actingAs;
    }

    @Override
    public String whoAmI() {
        URI uri = uri("/account/whoami", "");
        return ANSWERS.requiredText(http.call("GET", uri, null), "user_id", uri);
    }

    @Override
    public MatrixClient actingAs(String userId) {
        return new HttpMatrixClient(http, MatrixUserId.requireUserId(userId));
    }

    @Override
    public String send(String roomId, String txnId, RoomMessage message) {
        requireTxnId(txnId);
        ObjectNode content = JSON.createObjectNode()
                .put("msgtype", message.msgtype()).put("body", message.body());
        if (message.html() != null) {
            content.put("format", "org.matrix.custom.html").put("formatted_body", message.html());
        }
        if (message.threadRoot() != null) {
            ObjectNode relation = content.putObject("m.relates_to")
                    .put("rel_type", "m.thread").put("event_id", message.threadRoot())
                    .put("is_falling_back", true);
            // Clients without threads show it as a reply to the command.
            relation.putObject("m.in_reply_to").put("event_id", message.threadRoot());
        }
        URI uri = uri("/rooms/" + encode(roomId) + "/send/m.room.message/" + encode(txnId), "");
        return ANSWERS.requiredText(http.call("PUT", uri, content), "event_id", uri);
    }

    @Override
    public String createRoom(RoomSpec spec) {
        ObjectNode body = JSON.createObjectNode().put("preset", spec.preset());
        if (spec.name() != null) {
            body.put("name", spec.name());
        }
        if (spec.topic() != null) {
            body.put("topic", spec.topic());
        }
        if (spec.aliasLocalpart() != null) {
            body.put("room_alias_name", spec.aliasLocalpart());
        }
        if (!spec.invite().isEmpty()) {
            spec.invite().forEach(body.putArray("invite")::add);
        }
        if (spec.direct()) {
            body.put("is_direct", true);
        }
        if (spec.space()) {
            body.putObject("creation_content").put("type", "m.space");
        }
        if (!spec.userPowerLevels().isEmpty()) {
            // The creator is left out: from room version 12 it has unlimited power and Synapse
            // refuses it in the list.
            ObjectNode users = body.putObject("power_level_content_override").putObject("users");
            spec.userPowerLevels().forEach(users::put);
        }
        URI uri = uri("/createRoom", "");
        return ANSWERS.requiredText(http.call("POST", uri, body), "room_id", uri);
    }

    @Override
    public Optional<String> resolveAlias(String alias) {
        URI uri = uri("/directory/room/" + encode(alias), "");
        return http.callIfFound("GET", uri, null)
                .map(answer -> ANSWERS.requiredText(answer, "room_id", uri));
    }

    @Override
    public String join(String roomIdOrAlias) {
        URI uri = uri("/join/" + encode(roomIdOrAlias), "");
        return ANSWERS.requiredText(http.call("POST", uri, JSON.createObjectNode()), "room_id", uri);
    }

    @Override
    public void leave(String roomId) {
        http.call("POST", uri("/rooms/" + encode(roomId) + "/leave", ""), JSON.createObjectNode());
    }

    @Override
    public boolean invite(String roomId, String userId, String reason) {
        Optional<String> membership = membershipOrRace(roomId, userId);
        if (membership.filter(m -> m.equals("join") || m.equals("invite")).isPresent()) {
            return false;
        }
        ObjectNode body = JSON.createObjectNode().put("user_id", MatrixUserId.requireUserId(userId));
        if (reason != null) {
            body.put("reason", reason);
        }
        try {
            http.call("POST", uri("/rooms/" + encode(roomId) + "/invite", ""), body);
            return true;
        } catch (PermanentConnectorException refused) {
            // Someone else invited or the user joined between our look and our invite.
            if (refused.status() == 403 && membershipOrRace(roomId, userId)
                    .filter(m -> m.equals("join") || m.equals("invite")).isPresent()) {
                return false;
            }
            throw notInRoomYet(refused);
        }
    }

    @Override
    public boolean kick(String roomId, String userId, String reason) {
        Optional<String> membership = membershipOrRace(roomId, userId);
        if (membership.filter(m -> m.equals("join") || m.equals("invite")).isEmpty()) {
            return false;
        }
        ObjectNode body = JSON.createObjectNode().put("user_id", MatrixUserId.requireUserId(userId));
        if (reason != null) {
            body.put("reason", reason);
        }
        try {
            http.call("POST", uri("/rooms/" + encode(roomId) + "/kick", ""), body);
        } catch (PermanentConnectorException refused) {
            throw notInRoomYet(refused);
        }
        return true;
    }

    private Optional<String> membershipOrRace(String roomId, String userId) {
        try {
            return membership(roomId, userId);
        } catch (PermanentConnectorException refused) {
            throw notInRoomYet(refused);
        }
    }

    /**
     * Synapse answers 403 "not in room" when our membership in a room created moments ago (by
     * another thread, or through an alias query) has not reached this worker yet: a race that
     * passes, so it is retried rather than dead-lettered. Any other refusal stays permanent.
     */
    private static ConnectorException notInRoomYet(PermanentConnectorException refused) {
        String message = refused.serverMessage();
        if (refused.status() == 403 && message != null && message.contains("not in room")) {
            return new TransientConnectorException(refused.connector(), "not in the room yet",
                    refused.status(), refused.sanitizedUri(), message, refused);
        }
        return refused;
    }

    @Override
    public List<String> joinedMembers(String roomId) {
        URI uri = uri("/rooms/" + encode(roomId) + "/joined_members", "");
        JsonNode joined = http.call("GET", uri, null).get("joined");
        if (joined == null || !joined.isObject()) {
            throw ANSWERS.malformed(uri, "not a joined-members list", "joined missing");
        }
        List<String> members = new ArrayList<>();
        joined.fieldNames().forEachRemaining(members::add);
        return members;
    }

    @Override
    public Optional<JsonNode> state(String roomId, String type, String stateKey) {
        return http.callIfFound("GET", uri("/rooms/" + encode(roomId) + "/state/" + encode(type)
                + "/" + encode(stateKey), ""), null);
    }

    @Override
    public String putState(String roomId, String type, String stateKey, JsonNode content) {
        URI uri = uri("/rooms/" + encode(roomId) + "/state/" + encode(type) + "/"
                + encode(stateKey), "");
        return ANSWERS.requiredText(http.call("PUT", uri, content), "event_id", uri);
    }

    @Override
    public String upload(String fileName, String contentType, byte[] content) {
        URI uri = http.uri("/_matrix/media/v3/upload?filename=" + encode(fileName)
                + actingAsParameter("&"));
        HttpRequest request = http.request(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        return ANSWERS.requiredText(MatrixHttp.document(http.send(request), uri), "content_uri", uri);
    }

    @Override
    public SyncBatch sync(String since, Duration timeout, int timelineLimit) {
        // An inline filter: no presence, and a bounded timeline per room (more new events than
        // that make the room's timeline "limited", with the rest left to /messages).
        String filter = encode("{\"room\":{\"timeline\":{\"limit\":" + timelineLimit
                + "}},\"presence\":{\"types\":[]}}");
        String query = "?timeout=" + timeout.toMillis() + "&set_presence=offline&filter=" + filter
                + (since == null ? "" : "&since=" + encode(since));
        URI uri = uri("/sync", query);
        JsonNode answer = http.call("GET", uri, null);
        List<RoomEvent> timeline = new ArrayList<>();
        boolean limited = false;
        JsonNode joined = answer.path("rooms").path("join");
        for (Iterator<Map.Entry<String, JsonNode>> rooms = joined.fields(); rooms.hasNext();) {
            Map.Entry<String, JsonNode> room = rooms.next();
            limited |= room.getValue().path("timeline").path("limited").asBoolean(false);
            for (JsonNode event : room.getValue().path("timeline").path("events")) {
                timeline.add(event(room.getKey(), event));
            }
        }
        List<String> invited = new ArrayList<>();
        answer.path("rooms").path("invite").fieldNames().forEachRemaining(invited::add);
        return new SyncBatch(ANSWERS.requiredText(answer, "next_batch", uri), timeline, invited,
                limited);
    }

    @Override
    public boolean registerNamespacedUser(String localpart) {
        ObjectNode body = JSON.createObjectNode().put("type", "m.login.application_service")
                .put("username", localpart).put("inhibit_login", true);
        try {
            http.call("POST", http.uri(CLIENT + "/register"), body);
            return true;
        } catch (PermanentConnectorException refused) {
            if (refused.status() == 400 && "M_USER_IN_USE".equals(MatrixHttp.errcode(refused))) {
                return false;
            }
            throw refused;
        }
    }

    @Override
    public Duration ping(String appserviceId, String transactionId) {
        URI uri = http.uri("/_matrix/client/v1/appservice/" + encode(appserviceId) + "/ping");
        JsonNode answer = http.call("POST", uri,
                JSON.createObjectNode().put("transaction_id", transactionId));
        return Duration.ofMillis(answer.path("duration_ms").asLong());
    }

    /** A timeline event as delivered by /sync or an application-service transaction. */
    static RoomEvent event(String roomId, JsonNode event) {
        return new RoomEvent(roomId != null ? roomId : text(event, "room_id"), text(event, "event_id"),
                text(event, "sender"), text(event, "type"), text(event, "state_key"),
                event.get("content"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private URI uri(String path, String query) {
        String separator = query.isEmpty() ? "?" : "&";
        return http.uri(CLIENT + path + query + actingAsParameter(query.isEmpty() ? "?" : separator));
    }

    private String actingAsParameter(String separator) {
        return actingAs == null ? "" : separator + "user_id=" + encode(actingAs);
    }

    private static void requireTxnId(String txnId) {
        Objects.requireNonNull(txnId, "txnId");
        if (txnId.isBlank() || txnId.length() > 255) {
            throw new IllegalArgumentException("transaction id must be 1 to 255 characters");
        }
    }
}

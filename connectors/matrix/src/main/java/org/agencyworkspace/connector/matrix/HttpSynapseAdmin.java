package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.HttpExchanger.Response;
import org.agencyworkspace.connector.JsonAnswers;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.UriSanitizer;

final class HttpSynapseAdmin implements SynapseAdmin {

    static final String NAME = "synapse";

    private static final JsonAnswers ANSWERS = new JsonAnswers(NAME);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN_PATH = "/_matrix/client/v3/login";
    private static final String DEVICE_DISPLAY_NAME = "Agency Workspace provisioning";

    private final String root;
    private final AdminCredential credential;
    private final HttpExchanger http;
    private final Object loginLock = new Object();
    private String loggedInToken;

    HttpSynapseAdmin(URI homeserverUrl, AdminCredential credential, Duration connectTimeout,
            Duration requestTimeout) {
        this.root = homeserverUrl.toString().replaceAll("/+$", "");
        this.credential = credential;
        this.http = new HttpExchanger(NAME, connectTimeout, requestTimeout);
    }

    @Override
    public UpdatedUser createOrUpdateUser(SynapseUserUpdate update) {
        ObjectNode body = JSON.createObjectNode();
        if (update.displayName() != null) {
            body.put("displayname", update.displayName());
        }
        if (update.email() != null) {
            body.putArray("threepids").addObject()
                    .put("medium", "email").put("address", update.email());
        }
        if (update.admin() != null) {
            body.put("admin", update.admin());
        }
        if (update.reactivate()) {
            body.put("deactivated", false);
        }
        if (update.password() != null) {
            body.put("password", update.password());
        }
        URI uri = uri("/_synapse/admin/v2/users/" + encode(update.userId()));
        Response response = authorized(token -> request(uri, token).PUT(json(body)).build());
        return new UpdatedUser(response.status() == 201, user(document(response, uri), uri));
    }

    @Override
    public Optional<SynapseUser> findUser(String userId) {
        URI uri = uri("/_synapse/admin/v2/users/" + encode(MatrixUserId.requireUserId(userId)));
        return authorizedIfFound(token -> request(uri, token).GET().build())
                .map(response -> user(document(response, uri), uri));
    }

    @Override
    public SynapseUserPage listUsers(SynapseUserQuery query) {
        StringBuilder path = new StringBuilder("/_synapse/admin/v2/users?limit=")
                .append(query.limit())
                .append("&guests=false&locked=true&order_by=name&deactivated=")
                .append(query.includeDeactivated());
        if (query.from() != null) {
            path.append("&from=").append(encode(query.from()));
        }
        if (query.nameContaining() != null) {
            path.append("&name=").append(encode(query.nameContaining()));
        }
        URI uri = uri(path.toString());
        JsonNode page = document(authorized(token -> request(uri, token).GET().build()), uri);
        JsonNode users = page.get("users");
        JsonNode total = page.get("total");
        if (users == null || !users.isArray() || total == null || !total.canConvertToLong()) {
            throw ANSWERS.malformed(uri, "not a Synapse user list", "users or total missing");
        }
        List<SynapseUserSummary> summaries = new ArrayList<>();
        for (JsonNode user : users) {
            summaries.add(new SynapseUserSummary(ANSWERS.requiredText(user, "name", uri),
                    ANSWERS.optionalText(user, "displayname"), ANSWERS.flag(user, "admin"),
                    ANSWERS.flag(user, "deactivated"), ANSWERS.flag(user, "locked"),
                    instant(user, "creation_ts", Instant::ofEpochMilli, uri)));
        }
        Optional<SynapseUserQuery> next = Optional.ofNullable(ANSWERS.optionalText(page, "next_token"))
                .map(query::startingAt);
        return new SynapseUserPage(summaries, total.asLong(), next);
    }

    @Override
    public Deactivation deactivate(String userId, boolean erase) {
        URI uri = uri("/_synapse/admin/v1/deactivate/"
                + encode(MatrixUserId.requireUserId(userId)));
        ObjectNode body = JSON.createObjectNode().put("erase", erase);
        return authorizedIfFound(token -> request(uri, token).POST(json(body)).build()).isPresent()
                ? Deactivation.DEACTIVATED : Deactivation.NO_SUCH_USER;
    }

    @Override
    public OptionalInt deviceCount(String userId) {
        URI uri = uri("/_synapse/admin/v2/users/" + encode(MatrixUserId.requireUserId(userId))
                + "/devices");
        Optional<Response> response = authorizedIfFound(token -> request(uri, token).GET().build());
        if (response.isEmpty()) {
            return OptionalInt.empty();
        }
        JsonNode devices = document(response.get(), uri).get("devices");
        if (devices == null || !devices.isArray()) {
            throw ANSWERS.malformed(uri, "not a Synapse device list", "devices missing");
        }
        return OptionalInt.of(devices.size());
    }

    @Override
    public RoomJoin joinRoom(String roomIdOrAlias, String userId) {
        MatrixUserId.requireUserId(userId);
        // Room ids of room version 12 and later are "!" and a hash, with no server name.
        boolean isRoomId = roomIdOrAlias != null && roomIdOrAlias.startsWith("!")
                && roomIdOrAlias.length() > 1;
        boolean isAlias = roomIdOrAlias != null && roomIdOrAlias.startsWith("#")
                && roomIdOrAlias.indexOf(':') > 1;
        if (!isRoomId && !isAlias) {
            throw new IllegalArgumentException("not a Matrix room id (!id) or alias "
                    + "(#alias:server): " + roomIdOrAlias);
        }
        URI uri = uri("/_synapse/admin/v1/join/" + encode(roomIdOrAlias));
        ObjectNode body = JSON.createObjectNode().put("user_id", userId);
        try {
            Response response = authorized(token -> request(uri, token).POST(json(body)).build());
            return new RoomJoin(ANSWERS.requiredText(document(response, uri), "room_id", uri), false);
        } catch (PermanentConnectorException refused) {
            // Joining an invite-only room starts with an invite, which Synapse refuses (403) for
            // a member; a retry after a lost answer must still succeed.
            if (refused.status() != 403) {
                throw refused;
            }
            String roomId = roomIdOrAlias.startsWith("#") ? resolveAlias(roomIdOrAlias)
                    : roomIdOrAlias;
            if (joinedRooms(userId).contains(roomId)) {
                return new RoomJoin(roomId, true);
            }
            throw refused;
        }
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            URI uri = uri("/_synapse/admin/v1/server_version");
            String version = ANSWERS.requiredText(document(http.call(http.request(uri).GET().build()), uri),
                    "server_version", uri);
            listUsers(SynapseUserQuery.all(1).activeOnly());
            return ProbeResult.up("Synapse " + version + ", admin access accepted",
                    Map.of("version", version));
        });
    }

    private String resolveAlias(String alias) {
        URI uri = uri("/_matrix/client/v3/directory/room/" + encode(alias));
        return ANSWERS.requiredText(document(authorized(token -> request(uri, token).GET().build()), uri),
                "room_id", uri);
    }

    private List<String> joinedRooms(String userId) {
        URI uri = uri("/_synapse/admin/v1/users/" + encode(userId) + "/joined_rooms");
        JsonNode rooms = document(authorized(token -> request(uri, token).GET().build()), uri)
                .get("joined_rooms");
        if (rooms == null || !rooms.isArray()) {
            throw ANSWERS.malformed(uri, "not a Synapse joined-rooms list", "joined_rooms missing");
        }
        List<String> roomIds = new ArrayList<>();
        rooms.forEach(room -> roomIds.add(room.asText()));
        return roomIds;
    }

    /**
     * Sends the request with the admin token; with a login, a token Synapse no longer knows
     * (401 {@code M_UNKNOWN_TOKEN}: logged out, device deleted, expired) is replaced by logging in
     * again, and the request is sent once more. Other 401s (a locked admin) stay failures.
     */
    private Response authorized(Function<String, HttpRequest> request) {
        String token = token();
        try {
            return http.call(request.apply(token));
        } catch (PermanentConnectorException rejected) {
            if (rejected.status() != 401 || !credential.renewable()
                    || !"M_UNKNOWN_TOKEN".equals(errcode(rejected))) {
                throw rejected;
            }
            forget(token);
            return http.call(request.apply(token()));
        }
    }

    /**
     * Like {@link #authorized}, but Synapse's "no such user" (404 {@code M_NOT_FOUND}) is empty.
     * A 404 with another code (the admin API is not served here) stays a failure.
     */
    private Optional<Response> authorizedIfFound(Function<String, HttpRequest> request) {
        try {
            return Optional.of(authorized(request));
        } catch (PermanentConnectorException refused) {
            if (refused.status() == 404 && "M_NOT_FOUND".equals(errcode(refused))) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    private String token() {
        if (!credential.renewable()) {
            return credential.accessToken();
        }
        synchronized (loginLock) {
            if (loggedInToken == null) {
                loggedInToken = login();
            }
            return loggedInToken;
        }
    }

    private void forget(String rejectedToken) {
        synchronized (loginLock) {
            // Another thread may already have logged in again; keep its fresh token.
            if (rejectedToken.equals(loggedInToken)) {
                loggedInToken = null;
            }
        }
    }

    private String login() {
        ObjectNode body = JSON.createObjectNode().put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", credential.user());
        body.put("password", credential.password())
                .put("device_id", credential.deviceId())
                .put("initial_device_display_name", DEVICE_DISPLAY_NAME);
        URI uri = uri(LOGIN_PATH);
        Response response = http.call(http.request(uri)
                .header("Content-Type", "application/json").POST(json(body)).build());
        return ANSWERS.requiredText(document(response, uri), "access_token", uri);
    }

    private HttpRequest.Builder request(URI uri, String token) {
        return http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private URI uri(String pathAndQuery) {
        return URI.create(root + pathAndQuery);
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    }

    private static SynapseUser user(JsonNode user, URI uri) {
        List<String> emails = new ArrayList<>();
        JsonNode threepids = user.get("threepids");
        if (threepids != null && threepids.isArray()) {
            for (JsonNode threepid : threepids) {
                if ("email".equals(ANSWERS.optionalText(threepid, "medium"))) {
                    emails.add(ANSWERS.requiredText(threepid, "address", uri));
                }
            }
        }
        // The single-user API gives creation_ts in seconds; the list API in milliseconds.
        return new SynapseUser(ANSWERS.requiredText(user, "name", uri), ANSWERS.optionalText(user, "displayname"),
                ANSWERS.flag(user, "admin"), ANSWERS.flag(user, "deactivated"), ANSWERS.flag(user, "locked"),
                instant(user, "creation_ts", Instant::ofEpochSecond, uri), emails);
    }

    private static Instant instant(JsonNode node, String field, LongFunction<Instant> fromNumber,
            URI uri) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw ANSWERS.malformed(uri, field + " is not a number", value.toString());
        }
        return fromNumber.apply(value.asLong());
    }

    /** Percent-encodes an id for a path segment or a query value. */
    private static String encode(String value) {
        return MatrixHttp.encode(value);
    }

    private static String errcode(PermanentConnectorException refused) {
        return MatrixHttp.errcode(refused);
    }

    private static JsonNode document(Response response, URI uri) {
        return MatrixHttp.document(response, uri, ANSWERS);
    }
}

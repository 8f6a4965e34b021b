package org.agencyworkspace.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain Client-Server and admin calls the integration tests need around the connector: logging
 * in as a provisioned user, creating rooms, reading what changed, and cleaning up. Fails loudly on
 * any unexpected status.
 */
final class SynapseTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String root;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3)).build();

    SynapseTestClient(URI homeserverUrl) {
        this.root = homeserverUrl.toString().replaceAll("/+$", "");
    }

    /** {@code POST /login} with a password; a null device id lets Synapse make a new device. */
    String login(String user, String password, String deviceId) {
        ObjectNode body = JSON.createObjectNode().put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", user);
        body.put("password", password);
        if (deviceId != null) {
            body.put("device_id", deviceId);
        }
        return expect(200, send("POST", "/_matrix/client/v3/login", null, body))
                .get("access_token").asText();
    }

    /** The status of {@code GET /account/whoami}: 200 while the token works, 401 after. */
    int whoamiStatus(String token) {
        return send("GET", "/_matrix/client/v3/account/whoami", token, null).statusCode();
    }

    void logout(String token) {
        expect(200, send("POST", "/_matrix/client/v3/logout", token, JSON.createObjectNode()));
    }

    /** A room created by the token's user with {@code preset} and a local alias. */
    String createRoom(String token, String preset, String aliasLocalpart) {
        ObjectNode body = JSON.createObjectNode().put("preset", preset)
                .put("room_alias_name", aliasLocalpart).put("name", aliasLocalpart);
        return expect(200, send("POST", "/_matrix/client/v3/createRoom", token, body))
                .get("room_id").asText();
    }

    List<String> joinedMembers(String token, String roomId) {
        JsonNode joined = expect(200, send("GET", "/_matrix/client/v3/rooms/" + encode(roomId)
                + "/joined_members", token, null)).get("joined");
        List<String> members = new ArrayList<>();
        joined.fieldNames().forEachRemaining(members::add);
        return members;
    }

    /** Device ids of {@code userId}, through the admin API. */
    List<String> deviceIds(String adminToken, String userId) {
        List<String> ids = new ArrayList<>();
        expect(200, send("GET", "/_synapse/admin/v2/users/" + encode(userId) + "/devices",
                adminToken, null)).get("devices")
                .forEach(device -> ids.add(device.get("device_id").asText()));
        return ids;
    }

    /** Deletes one device of {@code userId}, and with it that device's access tokens. */
    void deleteDevice(String adminToken, String userId, String deviceId) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("devices").add(deviceId);
        expect(200, send("POST", "/_synapse/admin/v2/users/" + encode(userId) + "/delete_devices",
                adminToken, body));
    }

    /** Starts deleting the room (Synapse finishes in the background) after evicting members. */
    void deleteRoom(String adminToken, String roomId) {
        expect(200, send("DELETE", "/_synapse/admin/v2/rooms/" + encode(roomId), adminToken,
                JSON.createObjectNode().put("purge", true)));
    }

    private HttpResponse<String> send(String method, String path, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri().getRawPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package org.agencyworkspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.agencyworkspace.testsupport.StackEnvironment;

/**
 * Signs benchmark people in for real, so a leaver has something to lose: a Keycloak session
 * (password grant through a temporary public client of the realm) and a Matrix device (password
 * login). Keycloak's client and required-action changes go through the master admin, as the
 * connector integration tests do; the workspace's service account may not create clients.
 */
final class SignIns implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Master-realm tokens live a minute; renew well before. */
    private static final Duration ADMIN_TOKEN_REUSE = Duration.ofSeconds(30);

    private final String keycloakUrl = StackEnvironment.require("WORKSPACE_KEYCLOAK_URL");
    private final String realm = StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM");
    private final String matrixUrl = StackEnvironment.require("WORKSPACE_MATRIX_URL");
    private final HttpClient http = HttpClient.newHttpClient();
    private final String clientId;
    private final String clientUuid;
    private String adminToken;
    private Instant adminTokenTaken = Instant.MIN;

    /** Creates the temporary sign-in client {@code clientId}; {@link #close()} removes it. */
    SignIns(String clientId) {
        this.clientId = clientId;
        HttpResponse<String> created = admin("POST", "/clients", Map.of("clientId", clientId,
                "publicClient", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true));
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        this.clientUuid = location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Drops the realm's default {@code CONFIGURE_TOTP} action, as if the person had set up OTP,
     * then signs in: Keycloak refuses a password grant while a required action is pending.
     */
    void keycloakSession(String keycloakUserId, String userName, String password) {
        expect(admin("PUT", "/users/" + keycloakUserId, Map.of("requiredActions", List.of())), 204);
        expect(post(URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"),
                "application/x-www-form-urlencoded", form(Map.of("grant_type", "password",
                        "client_id", clientId, "username", userName, "password", password))), 200);
    }

    /** A password login, which gives the account one device. */
    void matrixDevice(String localpart, String password) {
        String login = """
                {"type":"m.login.password","identifier":{"type":"m.id.user","user":"%s"},
                 "password":"%s"}""".formatted(localpart, password);
        URI uri = URI.create(matrixUrl + "/_matrix/client/v3/login");
        HttpResponse<String> answer = post(uri, "application/json", login);
        while (answer.statusCode() == 429) {
            Retries.pause(Duration.ofMillis(read(answer).path("retry_after_ms").asLong(500)));
            answer = post(uri, "application/json", login);
        }
        expect(answer, 200);
    }

    @Override
    public void close() {
        expect(admin("DELETE", "/clients/" + clientUuid, null), 204);
    }

    private synchronized String adminToken() {
        if (Instant.now().isAfter(adminTokenTaken.plus(ADMIN_TOKEN_REUSE))) {
            adminTokenTaken = Instant.now();
            HttpResponse<String> token = post(URI.create(keycloakUrl
                            + "/realms/master/protocol/openid-connect/token"),
                    "application/x-www-form-urlencoded", form(Map.of("grant_type", "password",
                            "client_id", "admin-cli",
                            "username", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_USER"),
                            "password", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_PASSWORD"))));
            expect(token, 200);
            adminToken = read(token).get("access_token").asText();
        }
        return adminToken;
    }

    private HttpResponse<String> admin(String method, String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/admin/realms/" + realm + path))
                    .header("Authorization", "Bearer " + adminToken())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(URI uri, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from " + response.uri(), e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri()
                    + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}

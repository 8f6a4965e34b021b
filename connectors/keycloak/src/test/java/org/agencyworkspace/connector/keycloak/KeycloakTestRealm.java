package org.agencyworkspace.connector.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.agencyworkspace.testsupport.StackEnvironment;

/**
 * What the integration tests do to the real realm as Keycloak's master admin, outside the
 * connector under test: temporary clients (one that signs users in by password, so they get
 * sessions; one whose service account has chosen roles), and the sign-ins themselves.
 */
final class KeycloakTestRealm {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A token endpoint's answer.
     *
     * @param status HTTP status
     * @param body the JSON answer
     */
    record TokenAnswer(int status, JsonNode body) {

        String refreshToken() {
            return body.get("refresh_token").asText();
        }

        String error() {
            return body.path("error_description").asText();
        }
    }

    final URI baseUrl = URI.create(StackEnvironment.require("WORKSPACE_KEYCLOAK_URL"));
    final String realm = StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM");
    private final String adminUser = StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_USER");
    private final String adminPassword =
            StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_PASSWORD");
    private final HttpClient http = HttpClient.newHttpClient();

    /** A public client that may use the password grant; returns its UUID. */
    String createPasswordClient(String clientId) {
        return create("/clients", Map.of("clientId", clientId, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", true));
    }

    /**
     * A confidential client whose service account has {@code roles} of the realm's
     * {@code realm-management} client; returns its UUID.
     */
    String createServiceAccountClient(String clientId, String secret, List<String> roles) {
        String uuid = create("/clients", Map.of("clientId", clientId, "publicClient", false,
                "secret", secret, "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String realmManagement = json(admin("GET", "/clients?clientId=realm-management", null))
                .get(0).get("id").asText();
        List<JsonNode> grants = roles.stream().map(role -> json(admin("GET",
                "/clients/" + realmManagement + "/roles/" + role, null))).toList();
        expect(admin("POST", "/users/" + serviceAccountUserId(uuid) + "/role-mappings/clients/"
                + realmManagement, grants), 204);
        return uuid;
    }

    /** Ends the sessions of a client's service account, which also voids its tokens. */
    void logOutServiceAccount(String clientUuid) {
        expect(admin("POST", "/users/" + serviceAccountUserId(clientUuid) + "/logout", null), 204);
    }

    void deleteClient(String clientUuid) {
        expect(admin("DELETE", "/clients/" + clientUuid, null), 204);
    }

    /**
     * Drops every required action, as if the user had completed them: the realm's default
     * {@code CONFIGURE_TOTP} would otherwise refuse a password sign-in.
     */
    void completeRequiredActions(String userId) {
        expect(admin("PUT", "/users/" + userId, Map.of("requiredActions", List.of())), 204);
    }

    /** Signs {@code username} in by password through {@code clientId}. */
    TokenAnswer signIn(String clientId, String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password));
    }

    TokenAnswer refresh(String clientId, String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", refreshToken));
    }

    /** A client-credentials token, as the connector would get it. */
    String serviceAccountToken(String clientId, String secret) {
        TokenAnswer answer = token(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
        if (answer.status() != 200) {
            throw new AssertionError("no token for " + clientId + ": " + answer.body());
        }
        return answer.body().get("access_token").asText();
    }

    /** Whether Keycloak's admin API still accepts {@code token}. */
    boolean accepts(String token) {
        HttpRequest request = HttpRequest.newBuilder(adminUri("/users/count"))
                .header("Authorization", "Bearer " + token).GET().build();
        return send(request).statusCode() == 200;
    }

    private String serviceAccountUserId(String clientUuid) {
        return json(admin("GET", "/clients/" + clientUuid + "/service-account-user", null))
                .get("id").asText();
    }

    private String create(String path, Object representation) {
        HttpResponse<String> created = admin("POST", path, representation);
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private TokenAnswer token(Map<String, String> form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
        return new TokenAnswer(response.statusCode(), json(response));
    }

    /** Sends an admin call with a fresh master-realm token (those live only a minute). */
    private HttpResponse<String> admin(String method, String path, Object body) {
        JsonNode master = json(send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", adminUser,
                        "password", adminPassword)))).build()));
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri(path))
                .header("Authorization", "Bearer " + master.get("access_token").asText())
                .header("Content-Type", "application/json");
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return send(request.build());
    }

    private URI adminUri(String path) {
        return URI.create(baseUrl + "/admin/realms/" + realm + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("Keycloak call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON from " + response.uri() + ": " + response.body(), e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("Keycloak answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri() + ": "
                    + response.body());
        }
    }
}

package org.agencyworkspace.it;

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
import org.agencyworkspace.testsupport.StackEnvironment;

/**
 * Just enough of Keycloak's admin REST API to set up an OIDC test: a client for the test's
 * port, and users with a known password and OTP secret (via partial import, the only way to
 * give a user an OTP credential without a browser).
 */
final class KeycloakTestAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String baseUrl = StackEnvironment.require("WORKSPACE_KEYCLOAK_URL");
    final String realm;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token;

    KeycloakTestAdmin() {
        this(StackEnvironment.require("WORKSPACE_KEYCLOAK_REALM"));
    }

    /** An admin of another realm of the same Keycloak (e.g. a guest realm made by the test). */
    KeycloakTestAdmin(String realm) {
        this.realm = realm;
        JsonNode answer = form(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"),
                Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_USER"),
                        "password", StackEnvironment.require("WORKSPACE_KEYCLOAK_ADMIN_PASSWORD")));
        this.token = answer.get("access_token").asText();
    }

    String issuer() {
        return baseUrl + "/realms/" + realm;
    }

    /**
     * A confidential client that requires PKCE, gets the workspace claims and, like the shipped
     * {@code workspace-portal}, asks for level {@code mfa} by default; returns its id.
     */
    String createClient(String clientId, String secret, String redirectBase) {
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "secret", secret,
                "publicClient", false,
                "standardFlowEnabled", true,
                "directAccessGrantsEnabled", false,
                "redirectUris", List.of(redirectBase + "/*"),
                "attributes", Map.of("pkce.code.challenge.method", "S256",
                        "post.logout.redirect.uris", redirectBase + "/*",
                        "default.acr.values", "mfa", "minimum.acr.value", "mfa"),
                "defaultClientScopes", List.of("workspace", "basic", "profile", "email", "roles",
                        "acr", "web-origins"));
        HttpResponse<String> created = send(HttpRequest.newBuilder(admin("/clients"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(client))));
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void deleteClient(String id) {
        send(HttpRequest.newBuilder(admin("/clients/" + id)).DELETE());
    }

    /** A user with a password and an OTP credential whose key is {@code otpSecret} as UTF-8. */
    void importUser(String login, String password, String otpSecret, String clearance,
            List<String> departments, List<String> roles) {
        Map<String, Object> user = Map.of(
                "username", login, "enabled", true, "email", login + "@agency.test",
                "emailVerified", true, "firstName", "Test", "lastName", login,
                "attributes", Map.of("clearance", List.of(clearance), "department", departments),
                "realmRoles", roles,
                "credentials", List.of(
                        Map.of("type", "password", "value", password, "temporary", false),
                        Map.of("type", "otp", "userLabel", "test",
                                "secretData", "{\"value\": \"" + otpSecret + "\"}",
                                "credentialData", "{\"subType\": \"totp\", \"digits\": 6, "
                                        + "\"counter\": 0, \"period\": 30, \"algorithm\": \"HmacSHA1\"}")));
        expect(send(HttpRequest.newBuilder(admin("/partialImport"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of(
                        "ifResourceExists", "OVERWRITE", "users", List.of(user)))))), 200);
    }

    void deleteUser(String login) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                admin("/users?exact=true&username=" + URLEncoder.encode(login, StandardCharsets.UTF_8))).GET());
        try {
            for (JsonNode user : JSON.readTree(found.body())) {
                send(HttpRequest.newBuilder(admin("/users/" + user.get("id").asText())).DELETE());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The id of the client with this client id (as the admin API's paths need it). */
    String clientUuid(String clientId) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(admin("/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8))).GET());
        expect(found, 200);
        try {
            return JSON.readTree(found.body()).get(0).get("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Tries to create a user with this user name; returns the status (a created one is deleted). */
    int tryCreateUser(String username) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(admin("/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("username", username,
                        "enabled", true, "email", "try-" + Math.abs(username.hashCode()) + "@agency.test",
                        "firstName", "Try", "lastName", "User")))));
        created.headers().firstValue("Location").ifPresent(location -> send(
                HttpRequest.newBuilder(URI.create(location)).DELETE()));
        return created.statusCode();
    }

    /** Gives the user a password that is not temporary (as an operator or a reset mail would). */
    void setPassword(String login, String password) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                admin("/users?exact=true&username=" + URLEncoder.encode(login, StandardCharsets.UTF_8))).GET());
        expect(found, 200);
        try {
            String id = JSON.readTree(found.body()).get(0).get("id").asText();
            expect(send(HttpRequest.newBuilder(admin("/users/" + id + "/reset-password"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of(
                            "type", "password", "value", password, "temporary", false))))), 204);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
    JsonNode exchangeCode(String clientId, String secret, String code, String redirectUri,
            String verifier) {
        return form(URI.create(issuer() + "/protocol/openid-connect/token"), Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "client_secret", secret,
                "code", code, "redirect_uri", redirectUri, "code_verifier", verifier));
    }

    /** The realm's settings as the admin API gives them. */
    JsonNode realmSettings() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(admin("")).GET());
        expect(answer, 200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Changes the named realm settings only (the admin API leaves absent ones as they are). */
    void updateRealm(Map<String, Object> settings) {
        expect(send(HttpRequest.newBuilder(admin("")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(settings)))), 204);
    }

    /** Asks Keycloak to mail the user a link for these required actions; returns the status. */
    int executeActionsEmail(String login, List<String> actions) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                admin("/users?exact=true&username=" + URLEncoder.encode(login, StandardCharsets.UTF_8))).GET());
        try {
            String id = JSON.readTree(found.body()).get(0).get("id").asText();
            return send(HttpRequest.newBuilder(admin("/users/" + id + "/execute-actions-email"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(write(actions)))).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a client from its representation; returns its id. */
    String createClient(Map<String, Object> representation) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(admin("/clients"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(representation))));
        expect(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * The claims Keycloak puts in an ID token and in the userinfo answer for this user and client
     * (the admin console's "evaluate" endpoints: Keycloak's own token mapping, no sign-in).
     */
    JsonNode[] issuedClaims(String clientId, String login) {
        HttpResponse<String> found = send(HttpRequest.newBuilder(
                admin("/users?exact=true&username=" + URLEncoder.encode(login, StandardCharsets.UTF_8))).GET());
        try {
            String userId = JSON.readTree(found.body()).get(0).get("id").asText();
            String query = "?scope=openid&userId=" + userId;
            HttpResponse<String> idToken = send(HttpRequest.newBuilder(admin("/clients/" + clientId
                    + "/evaluate-scopes/generate-example-id-token" + query)).GET());
            HttpResponse<String> userinfo = send(HttpRequest.newBuilder(admin("/clients/" + clientId
                    + "/evaluate-scopes/generate-example-userinfo" + query)).GET());
            expect(idToken, 200);
            expect(userinfo, 200);
            return new JsonNode[] {JSON.readTree(idToken.body()), JSON.readTree(userinfo.body())};
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates this admin's realm from a realm representation (JSON). */
    void createRealm(String representation) {
        expect(send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(representation))), 201);
    }

    void deleteRealm() {
        send(HttpRequest.newBuilder(admin("")).DELETE());
    }

    /** GET of an admin path of this realm, e.g. {@code /users?username=x}, as JSON. */
    JsonNode get(String path) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(admin(path)).GET());
        expect(answer, 200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private URI admin(String path) {
        return URI.create(baseUrl + "/admin/realms/" + realm + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Keycloak admin call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            expect(response, 200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("Keycloak answered " + response.statusCode() + " to "
                    + response.uri() + ": " + response.body());
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

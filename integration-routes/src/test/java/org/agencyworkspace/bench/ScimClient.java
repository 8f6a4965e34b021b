package org.agencyworkspace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The workspace's SCIM endpoint, called as an HR feed or identity provider would call it. */
final class ScimClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEAVE = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":false}]}""";

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    ScimClient(int port, String token) {
        this.base = URI.create("http://127.0.0.1:" + port + "/scim/v2/Users");
        this.token = token;
    }

    /** {@code POST /Users}: a new active person; returns the SCIM id. */
    String join(String userName) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(base), "POST", user(userName));
        expect(created, 201);
        try {
            return JSON.readTree(created.body()).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("SCIM answered no JSON: " + created.body(), e);
        }
    }

    /** {@code PATCH /Users/{id}} with {@code active=false}: the person left. */
    void leave(String scimId) {
        expect(send(HttpRequest.newBuilder(URI.create(base + "/" + scimId)), "PATCH", LEAVE), 200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String method, String body) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/scim+json")
                            .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("SCIM call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What every benchmark person looks like: the same shape the integration tests send. */
    static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "userName":"%s", "name":{"givenName":"Bench","familyName":"Person"},
                 "emails":[{"value":"%s@agency.test","primary":true}], "active":true,
                 "roles":[{"value":"staff"}],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance":"secret","departments":["it"],"displayNameZh":"測試員"}}
                """.formatted(userName, userName);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("SCIM answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri() + ": " + response.body());
        }
    }
}

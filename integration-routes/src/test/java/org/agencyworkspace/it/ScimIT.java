package org.agencyworkspace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditQuery;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SCIM 2.0 endpoint as a provisioning client uses it, over HTTP: bearer token, create, get,
 * filter, patch {@code active}, replace with ETags, delete, groups as departments, and malformed
 * records answered in the SCIM error schema with nothing stored.
 */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScimIT {

    static final String TOKEN = "scim-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void scim(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.identity.scim.bearer-token", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    void refusesCallsWithoutTheToken() throws Exception {
        HttpResponse<String> none = send("GET", "/scim/v2/Users", null, null);
        HttpResponse<String> wrong = send("GET", "/scim/v2/Users", null, "not-the-token");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).get("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void createsFindsPatchesAndDeletesAUser() throws Exception {
        String name = unique("lin.mei");
        HttpResponse<String> created = call("POST", "/scim/v2/Users", user(name, "it", "secret"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String id = body.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(uri("/scim/v2/Users/" + id).toString());
        assertThat(created.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/scim+json"));
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.at("/urn:agency-workspace:params:scim:schemas:extension:2.0:User/clearance").asText())
                .isEqualTo("secret");
        assertThat(body.at("/groups/0/value").asText()).isEqualTo("it");
        assertThat(changes(id)).containsExactly("JOIN");

        JsonNode found = JSON.readTree(call("GET", "/scim/v2/Users?filter="
                + URLEncoder.encode("userName eq \"" + name.toUpperCase() + "\"", StandardCharsets.UTF_8),
                null).body());
        assertThat(found.get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.at("/Resources/0/id").asText()).isEqualTo(id);

        HttpResponse<String> left = call("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(left.body()).get("active").asBoolean()).isFalse();
        assertThat(left.headers().firstValue("ETag")).hasValue("W/\"2\"");
        assertThat(changes(id)).containsExactly("JOIN", "LEAVE");

        HttpResponse<String> sameAgain = call("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}""");
        assertThat(sameAgain.statusCode()).isEqualTo(200);
        assertThat(changes(id)).as("repeating a change queues nothing").containsExactly("JOIN", "LEAVE");

        assertThat(call("DELETE", "/scim/v2/Users/" + id, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/scim/v2/Users/" + id, null).statusCode()).isEqualTo(404);
        assertThat(audit.recent(new AuditQuery("scim", null, name, 10)))
                .extracting(event -> event.action())
                .containsExactly("identity.delete", "identity.leave", "identity.create");
    }

    @Test
    void replaceHonoursTheEtagAndMovesThePerson() throws Exception {
        String name = unique("chen.wei");
        String id = JSON.readTree(call("POST", "/scim/v2/Users", user(name, "it", "unmarked")).body())
                .get("id").asText();

        HttpResponse<String> stale = send("PUT", "/scim/v2/Users/" + id,
                user(name, "security", "confidential"), TOKEN, "W/\"7\"");
        HttpResponse<String> moved = send("PUT", "/scim/v2/Users/" + id,
                user(name, "security", "confidential"), TOKEN, "W/\"1\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).at("/groups/0/value").asText()).isEqualTo("security");
        assertThat(changes(id)).containsExactly("JOIN", "MOVE");
    }

    @Test
    void malformedRecordsGetScimErrorsAndNothingIsStored() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM identity").query(Long.class).single();

        assertError(call("POST", "/scim/v2/Users", user(unique("no.mail"), "it", "secret")
                .replace("\"emails\"", "\"ignored\"")), 400, "invalidValue", "email is required");
        assertError(call("POST", "/scim/v2/Users", user("Bad Name!", "it", "secret")),
                400, "invalidValue", "userName 'Bad Name!' must be");
        assertError(call("POST", "/scim/v2/Users", user(unique("lost"), "no-such-dept", "secret")),
                400, "invalidValue", "unknown department 'no-such-dept'");
        assertError(call("POST", "/scim/v2/Users", user(unique("spy"), "it", "ultra")),
                400, "invalidValue", "unknown clearance 'ultra'");
        assertError(call("POST", "/scim/v2/Users", user(unique("maybe"), "it", "secret")
                .replace("\"active\": true", "\"active\": \"maybe\"")), 400, "invalidValue",
                "active must be true or false");
        assertError(call("POST", "/scim/v2/Users", "{\"userName\": "), 400, "invalidSyntax",
                "not valid JSON");
        assertError(call("GET", "/scim/v2/Users?filter=" + URLEncoder.encode("userName eq",
                StandardCharsets.UTF_8), null), 400, "invalidFilter", "");

        String taken = unique("taken");
        assertThat(call("POST", "/scim/v2/Users", user(taken, "it", "secret")).statusCode()).isEqualTo(201);
        assertError(call("POST", "/scim/v2/Users", user(taken, "it", "secret")), 409, "uniqueness",
                "already taken");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity").query(Long.class).single())
                .isEqualTo(before + 1);
    }

    @Test
    void groupsAreDepartmentsWithTheirMembers() throws Exception {
        String name = unique("hsu.an");
        String id = JSON.readTree(call("POST", "/scim/v2/Users", user(name, "it", "unmarked")).body())
                .get("id").asText();
        String code = unique("legal");

        HttpResponse<String> created = call("POST", "/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "displayName":"Legal Affairs",
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:Group":{"code":"%s","nameZh":"法制室"},
                 "members":[{"value":"%s"}]}""".formatted(code, id));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).at("/members/0/display").asText()).isEqualTo(name);
        JsonNode member = JSON.readTree(call("GET", "/scim/v2/Users/" + id, null).body());
        assertThat(member.get("groups").findValuesAsText("value")).containsExactlyInAnyOrder("it", code);

        assertError(call("DELETE", "/scim/v2/Groups/" + code, null), 409, "uniqueness", "still has members");
        HttpResponse<String> removed = call("PATCH", "/scim/v2/Groups/" + code, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).get("members")).isEmpty();
        assertThat(call("DELETE", "/scim/v2/Groups/" + code, null).statusCode()).isEqualTo(204);
        assertThat(changes(id)).containsExactly("JOIN", "MOVE", "MOVE");
    }

    @Test
    void describesItselfToClients() throws Exception {
        JsonNode config = JSON.readTree(call("GET", "/scim/v2/ServiceProviderConfig", null).body());
        JsonNode types = JSON.readTree(call("GET", "/scim/v2/ResourceTypes", null).body());

        assertThat(config.at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.at("/etag/supported").asBoolean()).isTrue();
        assertThat(types.get("Resources").findValuesAsText("endpoint")).containsExactly("/Users", "/Groups");
    }

    private static void assertError(HttpResponse<String> response, int status, String scimType,
            String detail) throws IOException {
        JsonNode error = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(error.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(error.get("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(error.path("scimType").asText()).isEqualTo(scimType);
        assertThat(error.get("detail").asText()).contains(detail);
    }

    private java.util.List<String> changes(String identityId) {
        return jdbc.sql("SELECT kind FROM identity_change WHERE identity_id = :id ORDER BY seq")
                .param("id", identityId).query(String.class).list();
    }

    private static String user(String userName, String department, String clearance) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:agency-workspace:params:scim:schemas:extension:2.0:User"],
                 "userName": "%s", "externalId": "hr-%s",
                 "name": {"givenName": "Mei", "familyName": "Lin"},
                 "emails": [{"value": "%s@agency.test", "primary": true}],
                 "active": true,
                 "roles": [{"value": "staff"}],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance": "%s", "departments": ["%s"], "displayNameZh": "林美"}}
                """.formatted(userName, userName, userName.replaceAll("[^a-z0-9.]", ""), clearance,
                department);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return send(method, path, body, TOKEN, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String token)
            throws Exception {
        return send(method, path, body, token, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String token,
            String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

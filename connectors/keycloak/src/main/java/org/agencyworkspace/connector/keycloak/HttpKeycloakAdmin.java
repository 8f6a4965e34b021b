package org.agencyworkspace.connector.keycloak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.agencyworkspace.connector.HttpExchanger;
import org.agencyworkspace.connector.HttpExchanger.Response;
import org.agencyworkspace.connector.JsonAnswers;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.UriSanitizer;

final class HttpKeycloakAdmin implements KeycloakAdmin {

    private static final String NAME = HttpKeycloakConnector.NAME;
    private static final JsonAnswers ANSWERS = new JsonAnswers(NAME);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keycloak's page size when none is asked for; membership lists are read in these pages. */
    static final int GROUP_PAGE_SIZE = 100;

    private static final String USER_NOT_FOUND = "User not found";
    private static final String GROUP_PATH_NOT_FOUND = "Group path does not exist";
    private static final String GROUP_ID_NOT_FOUND = "Could not find group by id";
    private static final String USERNAME_TAKEN = "User exists with same username";

    private final String realm;
    private final String adminRoot;
    private final HttpExchanger http;
    private final ServiceAccountTokens tokens;

    HttpKeycloakAdmin(URI baseUrl, String realm, String clientId, String clientSecret,
            Duration connectTimeout, Duration requestTimeout) {
        String root = baseUrl.toString().replaceAll("/+$", "");
        this.realm = realm;
        this.adminRoot = root + "/admin/realms/" + encode(realm);
        this.http = new HttpExchanger(NAME, connectTimeout, requestTimeout);
        this.tokens = new ServiceAccountTokens(http, URI.create(root + "/realms/" + encode(realm)
                + "/protocol/openid-connect/token"), clientId, clientSecret);
    }

    @Override
    public Optional<KeycloakUser> findUser(String userId) {
        URI uri = uri("/users/" + id(userId) + "?userProfileMetadata=false");
        return ifFound(USER_NOT_FOUND, token -> get(uri, token))
                .map(response -> user(object(response, uri), uri));
    }

    @Override
    public Optional<KeycloakUser> findUserByUsername(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username required");
        }
        URI uri = uri("/users?exact=true&briefRepresentation=false&username=" + encode(username));
        return users(uri).stream()
                .filter(user -> user.username().equalsIgnoreCase(username))
                .findFirst();
    }

    @Override
    public KeycloakUserPage listUsers(KeycloakUserQuery query) {
        StringBuilder path = new StringBuilder("/users?briefRepresentation=false&first=")
                .append(query.first()).append("&max=").append(query.max());
        if (query.search() != null) {
            path.append("&search=").append(encode(query.search()));
        }
        List<KeycloakUser> users = users(uri(path.toString()));
        return new KeycloakUserPage(users, users.size() < query.max() ? Optional.empty()
                : Optional.of(query.nextPage()));
    }

    @Override
    public SavedUser createOrUpdateUser(KeycloakUserUpdate update) {
        Optional<KeycloakUser> existing = findUserByUsername(update.username());
        if (existing.isEmpty()) {
            Optional<String> createdId = create(update);
            if (createdId.isPresent()) {
                return new SavedUser(WriteOutcome.CREATED, readBack(createdId.get(), update));
            }
            existing = findUserByUsername(update.username());
        }
        KeycloakUser current = existing.orElseThrow(() -> new PermanentConnectorException(NAME,
                "username taken, yet no account found by it", 409,
                UriSanitizer.sanitize(uri("/users")), USERNAME_TAKEN, null));
        if (matches(current, update)) {
            return new SavedUser(WriteOutcome.UNCHANGED, current);
        }
        URI uri = uri("/users/" + id(current.id()));
        authorized(token -> request(uri, token).PUT(json(profile(current, update))).build());
        return new SavedUser(WriteOutcome.UPDATED, readBack(current.id(), update));
    }

    @Override
    public boolean setPassword(String userId, String password, boolean temporary) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        URI uri = uri("/users/" + id(userId) + "/reset-password");
        ObjectNode credential = JSON.createObjectNode().put("type", "password")
                .put("value", password).put("temporary", temporary);
        return ifFound(USER_NOT_FOUND, token -> request(uri, token).PUT(json(credential)).build())
                .isPresent();
    }

    @Override
    public boolean logout(String userId) {
        URI uri = uri("/users/" + id(userId) + "/logout");
        return ifFound(USER_NOT_FOUND, token -> request(uri, token)
                .POST(HttpRequest.BodyPublishers.noBody()).build()).isPresent();
    }

    @Override
    public boolean disable(String userId) {
        URI uri = uri("/users/" + id(userId));
        // Only "enabled": a PUT that carried attributes would be taken as the whole profile.
        ObjectNode disabled = JSON.createObjectNode().put("enabled", false);
        return ifFound(USER_NOT_FOUND, token -> request(uri, token).PUT(json(disabled)).build())
                .isPresent() && logout(userId);
    }

    @Override
    public List<UserSession> sessions(String userId) {
        URI uri = uri("/users/" + id(userId) + "/sessions");
        List<UserSession> sessions = new ArrayList<>();
        for (JsonNode session : array(authorized(token -> get(uri, token)), uri)) {
            List<String> clientIds = new ArrayList<>();
            JsonNode clients = session.get("clients");
            if (clients != null && clients.isObject()) {
                clients.elements().forEachRemaining(clientId -> clientIds.add(clientId.asText()));
            }
            sessions.add(new UserSession(ANSWERS.requiredText(session, "id", uri),
                    ANSWERS.optionalText(session, "ipAddress"), instant(session, "start", uri),
                    instant(session, "lastAccess", uri), clientIds));
        }
        return sessions;
    }

    @Override
    public boolean deleteUser(String userId) {
        URI uri = uri("/users/" + id(userId));
        return ifFound(USER_NOT_FOUND, token -> request(uri, token).DELETE().build()).isPresent();
    }

    @Override
    public Set<String> realmRoles(String userId) {
        return new TreeSet<>(roleMappings(userId).keySet());
    }

    @Override
    public Set<String> grantRealmRoles(String userId, Set<String> roleNames) {
        Set<String> missing = new TreeSet<>(roleNames);
        missing.removeAll(roleMappings(userId).keySet());
        if (missing.isEmpty()) {
            return Set.of();
        }
        ArrayNode roles = JSON.createArrayNode();
        for (String name : missing) {
            URI roleUri = uri("/roles/" + encode(requireRoleName(name)));
            JsonNode role = object(authorized(token -> get(roleUri, token)), roleUri);
            roles.addObject().put("id", ANSWERS.requiredText(role, "id", roleUri)).put("name", name);
        }
        URI uri = uri("/users/" + id(userId) + "/role-mappings/realm");
        authorized(token -> request(uri, token).POST(json(roles)).build());
        return Collections.unmodifiableSet(missing);
    }

    @Override
    public Set<String> revokeRealmRoles(String userId, Set<String> roleNames) {
        Map<String, String> mapped = roleMappings(userId);
        Set<String> revoked = new TreeSet<>(roleNames);
        revoked.retainAll(mapped.keySet());
        if (revoked.isEmpty()) {
            return Set.of();
        }
        ArrayNode roles = JSON.createArrayNode();
        revoked.forEach(name -> roles.addObject().put("id", mapped.get(name)).put("name", name));
        URI uri = uri("/users/" + id(userId) + "/role-mappings/realm");
        authorized(token -> request(uri, token).method("DELETE", json(roles)).build());
        return Collections.unmodifiableSet(revoked);
    }

    @Override
    public Optional<KeycloakGroup> findGroup(String name) {
        URI uri = uri("/group-by-path/" + encode(KeycloakGroupUpdate.requireGroupName(name)));
        return ifFound(GROUP_PATH_NOT_FOUND, token -> get(uri, token))
                .map(response -> group(object(response, uri), uri));
    }

    @Override
    public SavedGroup createOrUpdateGroup(KeycloakGroupUpdate update) {
        Optional<KeycloakGroup> existing = findGroup(update.name());
        if (existing.isEmpty()) {
            Optional<String> createdId = createGroup(update);
            if (createdId.isPresent()) {
                return new SavedGroup(WriteOutcome.CREATED, readGroup(createdId.get()));
            }
            existing = findGroup(update.name());
        }
        KeycloakGroup current = existing.orElseThrow(() -> new PermanentConnectorException(NAME,
                "group name taken, yet no top-level group found by it", 409,
                UriSanitizer.sanitize(uri("/groups")), update.name(), null));
        if (Attributes.notMatching(current.attributes(), update.attributes()).isEmpty()) {
            return new SavedGroup(WriteOutcome.UNCHANGED, current);
        }
        ObjectNode body = JSON.createObjectNode().put("name", current.name());
        body.set("attributes", JSON.valueToTree(Attributes.merge(current.attributes(),
                update.attributes())));
        URI uri = uri("/groups/" + id(current.id()));
        authorized(token -> request(uri, token).PUT(json(body)).build());
        return new SavedGroup(WriteOutcome.UPDATED, readGroup(current.id()));
    }

    @Override
    public boolean deleteGroup(String groupId) {
        URI uri = uri("/groups/" + id(groupId));
        return ifFound(GROUP_ID_NOT_FOUND, token -> request(uri, token).DELETE().build())
                .isPresent();
    }

    @Override
    public List<KeycloakGroup> groupsOf(String userId) {
        List<KeycloakGroup> groups = new ArrayList<>();
        int pageSize;
        do {
            URI uri = uri("/users/" + id(userId) + "/groups?briefRepresentation=false&first="
                    + groups.size() + "&max=" + GROUP_PAGE_SIZE);
            JsonNode page = array(authorized(token -> get(uri, token)), uri);
            page.forEach(group -> groups.add(group(group, uri)));
            pageSize = page.size();
        } while (pageSize == GROUP_PAGE_SIZE);
        return groups;
    }

    @Override
    public void joinGroup(String userId, String groupId) {
        URI uri = uri("/users/" + id(userId) + "/groups/" + id(groupId));
        authorized(token -> request(uri, token).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Override
    public void leaveGroup(String userId, String groupId) {
        URI uri = uri("/users/" + id(userId) + "/groups/" + id(groupId));
        authorized(token -> request(uri, token).DELETE().build());
    }

    @Override
    public List<KeycloakEvent> events(KeycloakEvent.Kind kind, int first, int max) {
        if (first < 0 || max < 1 || max > 1000) {
            throw new IllegalArgumentException("first must be 0 or more and max 1 to 1000");
        }
        URI uri = uri("/" + (kind == KeycloakEvent.Kind.USER ? "events" : "admin-events")
                + "?first=" + first + "&max=" + max);
        List<KeycloakEvent> events = new ArrayList<>();
        for (JsonNode event : array(authorized(token -> get(uri, token)), uri)) {
            JsonNode id = event.get("id");
            JsonNode time = event.get("time");
            events.add(new KeycloakEvent(kind, id == null || !id.isTextual() ? null : id.asText(),
                    time == null || !time.canConvertToLong() ? -1 : time.asLong(), event.toString()));
        }
        return events;
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            URI uri = uri("/users/count");
            String count = authorized(token -> get(uri, token)).body().strip();
            if (!count.matches("\\d+")) {
                throw ANSWERS.malformed(uri, "not a user count", count);
            }
            return ProbeResult.up("admin access to realm " + realm + " accepted",
                    Map.of("realm", realm, "users", count));
        });
    }

    /** POSTs a new account; empty when Keycloak already has one by that username (409). */
    private Optional<String> create(KeycloakUserUpdate update) {
        ObjectNode body = JSON.createObjectNode().put("username", update.username())
                .put("enabled", update.enabled() == null || update.enabled());
        putIfSet(body, "email", update.email());
        putIfSet(body, "firstName", update.firstName());
        putIfSet(body, "lastName", update.lastName());
        if (update.emailVerified() != null) {
            body.put("emailVerified", update.emailVerified());
        }
        body.set("attributes", JSON.valueToTree(Attributes.merge(Map.of(), update.attributes())));
        if (!update.requiredActions().isEmpty()) {
            body.set("requiredActions", JSON.valueToTree(update.requiredActions()));
        }
        URI uri = uri("/users");
        try {
            return Optional.of(createdId(authorized(token -> request(uri, token)
                    .POST(json(body)).build()), uri));
        } catch (PermanentConnectorException refused) {
            // A retry after a lost answer, or another caller, got there first.
            if (refused.status() == 409 && USERNAME_TAKEN.equals(errorText(refused))) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** POSTs a new top-level group; empty when one by that name exists already (409). */
    private Optional<String> createGroup(KeycloakGroupUpdate update) {
        ObjectNode body = JSON.createObjectNode().put("name", update.name());
        body.set("attributes", JSON.valueToTree(Attributes.merge(Map.of(), update.attributes())));
        URI uri = uri("/groups");
        try {
            return Optional.of(createdId(authorized(token -> request(uri, token)
                    .POST(json(body)).build()), uri));
        } catch (PermanentConnectorException refused) {
            if (refused.status() == 409) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /**
     * The PUT body for {@code current} changed by {@code update}: every profile field and
     * attribute, since Keycloak clears what a PUT with attributes leaves out. Fields Keycloak
     * manages itself ("not before", timestamps, credentials) are never sent, so a concurrent
     * logout is not undone.
     */
    private static ObjectNode profile(KeycloakUser current, KeycloakUserUpdate update) {
        ObjectNode body = JSON.createObjectNode().put("username", current.username());
        putIfSet(body, "email", update.email() != null ? update.email() : current.email());
        putIfSet(body, "firstName",
                update.firstName() != null ? update.firstName() : current.firstName());
        putIfSet(body, "lastName",
                update.lastName() != null ? update.lastName() : current.lastName());
        body.set("attributes", JSON.valueToTree(Attributes.merge(current.attributes(),
                update.attributes())));
        if (update.enabled() != null) {
            body.put("enabled", update.enabled());
        }
        if (update.emailVerified() != null) {
            body.put("emailVerified", update.emailVerified());
        }
        if (!current.requiredActions().containsAll(update.requiredActions())) {
            Set<String> actions = new LinkedHashSet<>(current.requiredActions());
            actions.addAll(update.requiredActions());
            body.set("requiredActions", JSON.valueToTree(actions));
        }
        return body;
    }

    private static boolean matches(KeycloakUser current, KeycloakUserUpdate update) {
        return (update.email() == null || update.email().equalsIgnoreCase(current.email()))
                && (update.firstName() == null || update.firstName().equals(current.firstName()))
                && (update.lastName() == null || update.lastName().equals(current.lastName()))
                && (update.enabled() == null || update.enabled() == current.enabled())
                && (update.emailVerified() == null
                        || update.emailVerified() == current.emailVerified())
                && Attributes.notMatching(current.attributes(), update.attributes()).isEmpty()
                && current.requiredActions().containsAll(update.requiredActions());
    }

    /**
     * Reads the account after a write and checks that Keycloak kept the attributes and required
     * actions asked for, which it drops silently when its realm does not know them.
     */
    private KeycloakUser readBack(String userId, KeycloakUserUpdate update) {
        URI uri = uri("/users/" + id(userId) + "?userProfileMetadata=false");
        KeycloakUser stored = user(object(authorized(token -> get(uri, token)), uri), uri);
        List<String> dropped = Attributes.notMatching(stored.attributes(), update.attributes());
        if (!dropped.isEmpty()) {
            throw ANSWERS.malformed(uri, "Keycloak did not store attribute(s) " + String.join(", ", dropped)
                    + "; declare them in the realm's user profile", null);
        }
        List<String> droppedActions = update.requiredActions().stream()
                .filter(action -> !stored.requiredActions().contains(action)).toList();
        if (!droppedActions.isEmpty()) {
            throw ANSWERS.malformed(uri, "Keycloak dropped required action(s) "
                    + String.join(", ", droppedActions)
                    + "; they are not required-action providers of the realm", null);
        }
        return stored;
    }

    private KeycloakGroup readGroup(String groupId) {
        URI uri = uri("/groups/" + id(groupId));
        return group(object(authorized(token -> get(uri, token)), uri), uri);
    }

    /** Realm role name to role id, for the roles mapped to the account directly. */
    private Map<String, String> roleMappings(String userId) {
        URI uri = uri("/users/" + id(userId) + "/role-mappings/realm");
        Map<String, String> roles = new LinkedHashMap<>();
        for (JsonNode role : array(authorized(token -> get(uri, token)), uri)) {
            roles.put(ANSWERS.requiredText(role, "name", uri), ANSWERS.requiredText(role, "id", uri));
        }
        return roles;
    }

    private List<KeycloakUser> users(URI uri) {
        List<KeycloakUser> users = new ArrayList<>();
        array(authorized(token -> get(uri, token)), uri)
                .forEach(user -> users.add(user(user, uri)));
        return users;
    }

    /**
     * Sends the request with the service account's token; a token Keycloak rejects (401) is
     * replaced once. A 403 names the roles the service account needs.
     */
    private Response authorized(Function<String, HttpRequest> request) {
        String token = tokens.current();
        HttpRequest first = request.apply(token);
        try {
            return http.call(first);
        } catch (PermanentConnectorException rejected) {
            if (rejected.status() != 401) {
                throw explained(rejected, first.method());
            }
            tokens.reject(token);
            try {
                return http.call(request.apply(tokens.current()));
            } catch (PermanentConnectorException again) {
                throw explained(again, first.method());
            }
        }
    }

    /** A 403 with what to fix; any other refusal as it is. */
    private static PermanentConnectorException explained(PermanentConnectorException refused,
            String method) {
        if (refused.status() != 403) {
            return refused;
        }
        return new PermanentConnectorException(NAME, method + " forbidden: the service account "
                + "lacks a role of the realm-management client (it needs manage-users, and "
                + "view-realm to look up realm roles)", 403, refused.sanitizedUri(),
                refused.serverMessage(), refused);
    }

    /**
     * Like {@link #authorized}, but Keycloak's own "no such object" answer (404 with
     * {@code notFound} as its error) is empty. Any other 404, such as an unknown realm, stays a
     * failure.
     */
    private Optional<Response> ifFound(String notFound, Function<String, HttpRequest> request) {
        try {
            return Optional.of(authorized(request));
        } catch (PermanentConnectorException refused) {
            if (refused.status() == 404 && notFound.equals(errorText(refused))) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    private HttpRequest get(URI uri, String token) {
        return request(uri, token).GET().build();
    }

    private HttpRequest.Builder request(URI uri, String token) {
        return http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    private URI uri(String pathAndQuery) {
        return URI.create(adminRoot + pathAndQuery);
    }

    /** Keycloak's error text ({@code error} or {@code errorMessage}) of a refusal, if any. */
    private static String errorText(PermanentConnectorException refused) {
        if (refused.serverMessage() == null) {
            return null;
        }
        try {
            JsonNode error = JSON.readTree(refused.serverMessage());
            if (error == null || !error.isObject()) {
                return null;
            }
            String text = ANSWERS.optionalText(error, "error");
            return text != null ? text : ANSWERS.optionalText(error, "errorMessage");
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String createdId(Response response, URI uri) {
        String location = response.header("Location").orElseThrow(() ->
                ANSWERS.malformed(uri, "created, but no Location header", null));
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (id.isEmpty()) {
            throw ANSWERS.malformed(uri, "Location header names no id", location);
        }
        return id;
    }

    private static KeycloakUser user(JsonNode user, URI uri) {
        List<String> requiredActions = new ArrayList<>();
        JsonNode actions = user.get("requiredActions");
        if (actions != null && actions.isArray()) {
            actions.forEach(action -> requiredActions.add(action.asText()));
        }
        return new KeycloakUser(ANSWERS.requiredText(user, "id", uri), ANSWERS.requiredText(user, "username", uri),
                ANSWERS.optionalText(user, "email"), ANSWERS.flag(user, "emailVerified"),
                ANSWERS.optionalText(user, "firstName"), ANSWERS.optionalText(user, "lastName"),
                ANSWERS.flag(user, "enabled"), instant(user, "createdTimestamp", uri),
                attributes(user, uri), requiredActions, ANSWERS.flag(user, "totp"));
    }

    private static KeycloakGroup group(JsonNode group, URI uri) {
        return new KeycloakGroup(ANSWERS.requiredText(group, "id", uri), ANSWERS.requiredText(group, "name", uri),
                ANSWERS.requiredText(group, "path", uri), attributes(group, uri));
    }

    private static Map<String, List<String>> attributes(JsonNode node, URI uri) {
        JsonNode attributes = node.get("attributes");
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (attributes == null || attributes.isNull()) {
            return values;
        }
        if (!attributes.isObject()) {
            throw ANSWERS.malformed(uri, "attributes is not an object", attributes.getNodeType().name());
        }
        attributes.fields().forEachRemaining(attribute -> {
            if (!attribute.getValue().isArray()) {
                throw ANSWERS.malformed(uri, "attribute " + attribute.getKey() + " is not a list", null);
            }
            List<String> list = new ArrayList<>();
            attribute.getValue().forEach(value -> list.add(value.asText()));
            values.put(attribute.getKey(), list);
        });
        return values;
    }

    private static JsonNode object(Response response, URI uri) {
        JsonNode document = parse(response, uri);
        if (!document.isObject()) {
            throw ANSWERS.malformed(uri, "answer is not a JSON object", document.getNodeType().name());
        }
        return document;
    }

    private static JsonNode array(Response response, URI uri) {
        JsonNode document = parse(response, uri);
        if (!document.isArray()) {
            throw ANSWERS.malformed(uri, "answer is not a JSON array", document.getNodeType().name());
        }
        return document;
    }

    private static JsonNode parse(Response response, URI uri) {
        try {
            JsonNode document = JSON.readTree(response.body());
            if (document == null || document.isMissingNode()) {
                throw ANSWERS.malformed(uri, "answer is empty", null);
            }
            return document;
        } catch (JsonProcessingException e) {
            throw ANSWERS.malformed(uri, "answer is not JSON", e.getOriginalMessage());
        }
    }

    /** Keycloak gives times as epoch milliseconds. */
    private static Instant instant(JsonNode node, String field, URI uri) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw ANSWERS.malformed(uri, field + " is not a number", value.toString());
        }
        return Instant.ofEpochMilli(value.asLong());
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String id(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id required");
        }
        return encode(id);
    }

    private static String requireRoleName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("role names must not be blank");
        }
        return name;
    }

    /** Percent-encodes a path segment or query value. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    }

}

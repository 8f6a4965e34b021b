package org.agencyworkspace.identity.syncope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.testsupport.WireMockPeers;

/**
 * A loopback stand-in for the part of Syncope's core REST API that change polling uses, built
 * from the reference (../shared/specs/syncope.md): {@code GET /users} with a
 * {@code lastChangeDate=ge=} FIQL condition (to the second, as Syncope parses it), ordered by
 * {@code lastChangeDate ASC, username ASC} and paged by offset; {@code GET /users/{key}} with
 * Syncope's {@code NotFound} error; {@code GET /users/self}. Syncope itself cannot run on this
 * machine. It answers in code on a loopback WireMock, since the answers follow the users it
 * keeps and the paging the client asks for. Every search is kept so tests can check where
 * polling resumed.
 */
final class FakeSyncope implements AutoCloseable {

    static final String ROOT = "/syncope/rest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANGED_SINCE = Pattern.compile("lastChangeDate=ge=(.+)");
    private static final DateTimeFormatter FIQL_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    /** A user as this fake keeps it. */
    record User(String key, String username, Instant lastChangeDate, boolean suspended,
            Map<String, List<String>> attributes, List<String> groups) {
    }

    private final WireMockServer server;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final List<String> searches = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    FakeSyncope() {
        server = WireMockPeers.answering(this::respond);
    }

    URI baseUrl() {
        return WireMockPeers.baseUri(server).resolve(ROOT);
    }

    void put(User user) {
        users.put(user.key(), user);
    }

    void remove(String key) {
        users.remove(key);
    }

    /** While down, every request answers 503 as a proxy in front of a stopped Syncope would. */
    void down(boolean isDown) {
        this.down = isDown;
    }

    /** The FIQL condition of every search so far, in order ("" for none). */
    List<String> searches() {
        return List.copyOf(searches);
    }

    private ResponseDefinitionBuilder respond(Request request) {
        if (down) {
            return reply(503, "{}", Map.of());
        }
        URI uri = URI.create(request.getUrl());
        if (!uri.getPath().startsWith(ROOT + "/users")) {
            return aResponse().withStatus(404);
        }
        String path = uri.getPath().substring((ROOT + "/users").length());
        if (path.isEmpty() || path.equals("/")) {
            return search(uri.getRawQuery());
        }
        if (path.equals("/self")) {
            return reply(200, "{\"username\":\"svc-workspace\"}", Map.of());
        }
        User user = users.get(path.substring(1));
        if (user == null) {
            return reply(404, "{\"status\":404,\"type\":\"NotFound\",\"elements\":[\""
                    + path.substring(1) + "\"]}", Map.of("X-Application-Error-Code", "NotFound"));
        }
        return reply(200, toJson(user).toString(), Map.of());
    }

    private ResponseDefinitionBuilder search(String rawQuery) {
        Map<String, String> query = query(rawQuery);
        String fiql = query.getOrDefault("fiql", "");
        searches.add(fiql);
        Instant since = Instant.EPOCH;
        Matcher matcher = CHANGED_SINCE.matcher(fiql);
        if (matcher.matches()) {
            // FIQL values are percent-encoded once more inside the query parameter.
            since = OffsetDateTime.parse(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8),
                    FIQL_DATE).toInstant();
        } else if (!fiql.isEmpty()) {
            return reply(400, "{}", Map.of("X-Application-Error-Code", "InvalidSearchParameters"));
        }
        Instant from = since;
        List<User> matching = users.values().stream()
                .filter(user -> !user.lastChangeDate().isBefore(from))
                .sorted(Comparator.comparing(User::lastChangeDate).thenComparing(User::username))
                .toList();
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int size = Integer.parseInt(query.getOrDefault("size", "25"));
        int start = Math.min((page - 1) * size, matching.size());
        List<User> items = matching.subList(start, Math.min(start + size, matching.size()));
        ObjectNode result = JSON.createObjectNode();
        result.putNull("prev");
        if (start + items.size() < matching.size()) {
            result.put("next", baseUrl() + "/users?page=" + (page + 1) + "&size=" + size);
        } else {
            result.putNull("next");
        }
        ArrayNode array = result.putArray("result");
        items.forEach(user -> array.add(toJson(user)));
        result.put("page", page).put("size", items.size()).put("totalCount", matching.size());
        return reply(200, result.toString(), Map.of());
    }

    private static ObjectNode toJson(User user) {
        ObjectNode node = JSON.createObjectNode();
        node.put("_class", "org.apache.syncope.common.lib.to.UserTO");
        node.put("key", user.key()).put("type", "USER").put("realm", "/agency");
        node.put("status", user.suspended() ? "suspended" : "active");
        node.put("creationDate", "2025-01-01T00:00:00Z");
        node.put("lastChangeDate", user.lastChangeDate().toString());
        ArrayNode attributes = node.putArray("plainAttrs");
        user.attributes().forEach((schema, values) -> {
            ObjectNode attribute = attributes.addObject().put("schema", schema);
            values.forEach(attribute.putArray("values")::add);
        });
        node.putArray("resources");
        node.put("username", user.username()).put("suspended", user.suspended());
        ArrayNode memberships = node.putArray("memberships");
        user.groups().forEach(group -> memberships.addObject()
                .put("groupKey", "group-" + group).put("groupName", group));
        node.putArray("dynMemberships");
        node.putArray("roles");
        return node;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static ResponseDefinitionBuilder reply(int status, String body,
            Map<String, String> headers) {
        ResponseDefinitionBuilder reply = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body);
        headers.forEach(reply::withHeader);
        return reply;
    }

    @Override
    public void close() {
        server.stop();
    }
}

package org.agencyworkspace.connector.syncope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.syncope.SyncopeHttp.Answer;
import org.agencyworkspace.connector.syncope.SyncopeHttp.Call;

final class HttpSyncopeConnector implements SyncopeConnector {

    static final String NAME = "syncope";
    static final String RESOURCE_KEY_HEADER = "X-Syncope-Key";

    private static final String USERS = "/users";
    private static final String GROUPS = "/groups";
    private static final String USER_ORDER = "username ASC";
    private static final String GROUP_ORDER = "name ASC";

    private final SyncopeHttp http;
    private final String domain;
    private final SyncopeJson json;

    HttpSyncopeConnector(SyncopeHttp http, String domain,
            Map<AgencyAttribute, String> schemaNames) {
        this.http = http;
        this.domain = domain;
        this.json = new SyncopeJson(schemaNames);
    }

    @Override
    public Optional<SyncopeUser> findUser(String keyOrUsername) {
        return http.sendIfFound(Call.get("read user", userPath(keyOrUsername)))
                .map(answer -> read(answer, "user", node -> json.user(node, etag(answer))));
    }

    @Override
    public SyncopePage<SyncopeUser> searchUsers(SearchQuery query) {
        Answer answer = http.send(Call.get("search users", USERS)
                .withQuery(parameters(query, USER_ORDER)));
        return read(answer, "paged user result",
                node -> json.page(node, query, user -> json.user(user, null)));
    }

    @Override
    public SyncopeUser createUser(NewUser user) {
        json.requireNoAgencySchema(user.attributes().keySet());
        List<String> groupKeys = groupKeys(user.groups(), true);
        Answer answer = http.send(new Call("create user", "POST", USERS, Map.of(),
                json.userCreate(user, groupKeys), Map.of()));
        SyncopeUser created = provisioned(answer);
        Optional<String> announcedKey = answer.header(RESOURCE_KEY_HEADER);
        if (announcedKey.isPresent() && !announcedKey.get().equals(created.key())) {
            throw malformed(answer, "provisioning result",
                    RESOURCE_KEY_HEADER + " " + announcedKey.get() + " is not the entity's key");
        }
        return created;
    }

    @Override
    public SyncopeUser updateUser(UserUpdate update) {
        json.requireNoAgencySchema(update.attributeChanges().keySet());
        String body = json.userPatch(update, groupKeys(update.joinGroups(), true),
                groupKeys(update.leaveGroups(), false));
        Call call = new Call("update user", "PATCH", userPath(update.key()), Map.of(), body,
                Map.of());
        if (update.ifMatch() != null) {
            call = call.withHeader("If-Match", update.ifMatch());
        }
        return provisioned(http.send(call));
    }

    @Override
    public SyncopeUser changeStatus(StatusChange change) {
        return provisioned(http.send(new Call("change user status", "POST",
                userPath(change.userKey()) + "/status", Map.of(), json.statusRequest(change),
                Map.of())));
    }

    @Override
    public boolean deleteUser(String keyOrUsername) {
        return http.sendIfFound(new Call("delete user", "DELETE", userPath(keyOrUsername),
                Map.of(), null, Map.of("Prefer", "return-no-content"))).isPresent();
    }

    @Override
    public Optional<SyncopeGroup> findGroup(String keyOrName) {
        return http.sendIfFound(Call.get("read group", groupPath(keyOrName)))
                .map(answer -> read(answer, "group", json::group));
    }

    @Override
    public SyncopePage<SyncopeGroup> searchGroups(SearchQuery query) {
        Answer answer = http.send(Call.get("search groups", GROUPS)
                .withQuery(parameters(query, GROUP_ORDER)));
        return read(answer, "paged group result", node -> json.page(node, query, json::group));
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            Answer answer = http.send(Call.get("read own user", USERS + "/self"));
            String username = read(answer, "user", node -> node.path("username").asText(""));
            if (username.isEmpty()) {
                return ProbeResult.up("answers in domain " + domain, Map.of("domain", domain));
            }
            return ProbeResult.up("answers as " + username + " in domain " + domain,
                    Map.of("domain", domain, "username", username));
        });
    }

    /**
     * The keys of the groups named by key or name, looked up one by one. A group to join must
     * exist (Syncope would silently skip it); one to leave that does not exist has no member.
     */
    private List<String> groupKeys(List<String> keysOrNames, boolean mustExist) {
        List<String> keys = new ArrayList<>();
        for (String keyOrName : new LinkedHashSet<>(keysOrNames)) {
            Call lookup = Call.get("look up group " + keyOrName, groupPath(keyOrName));
            Optional<Answer> group = mustExist ? Optional.of(http.send(lookup))
                    : http.sendIfFound(lookup);
            group.map(answer -> read(answer, "group", json::group).key()).ifPresent(keys::add);
        }
        return keys;
    }

    private SyncopeUser provisioned(Answer answer) {
        return read(answer, "provisioning result",
                node -> json.user(json.provisionedEntity(node), etag(answer)));
    }

    private <T> T read(Answer answer, String what, Function<JsonNode, T> reader) {
        try {
            return reader.apply(json.parse(answer.body()));
        } catch (IllegalArgumentException e) {
            throw malformed(answer, what, e.getMessage());
        }
    }

    private static PermanentConnectorException malformed(Answer answer, String what,
            String problem) {
        return new PermanentConnectorException(NAME, "not a Syncope " + what, answer.status(),
                answer.uri(), problem, null);
    }

    private static String etag(Answer answer) {
        return answer.header("ETag").orElse(null);
    }

    private static Map<String, String> parameters(SearchQuery query, String defaultOrder) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.filter() != null) {
            parameters.put("fiql", query.filter().expression());
        }
        parameters.put("realm", query.realm());
        parameters.put("recursive", Boolean.toString(query.recursive()));
        parameters.put("details", Boolean.toString(query.details()));
        parameters.put("page", Integer.toString(query.page()));
        parameters.put("size", Integer.toString(query.size()));
        parameters.put("orderby", query.orderBy() == null ? defaultOrder : query.orderBy());
        return parameters;
    }

    private static String userPath(String keyOrUsername) {
        return USERS + "/" + SyncopeHttp.segment(requireName(keyOrUsername, "user key"));
    }

    private static String groupPath(String keyOrName) {
        return GROUPS + "/" + SyncopeHttp.segment(requireName(keyOrName, "group key"));
    }

    private static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " or name required");
        }
        return value;
    }
}

package org.agencyworkspace.connector.nextcloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.agencyworkspace.connector.ProbeResult;
import org.agencyworkspace.connector.Probes;
import org.agencyworkspace.connector.nextcloud.OcsClient.Params;

final class HttpNextcloudProvisioning implements NextcloudProvisioning {

    /** Provisioning codes shared by several calls (the meaning depends on the call). */
    private static final int INVALID_INPUT = 101;
    private static final int ALREADY_EXISTS = 102;
    private static final int GROUP_MISSING = 102;
    private static final int USER_MISSING = 103;
    private static final int MAIL_FAILED = 109;

    private final OcsClient ocs;

    HttpNextcloudProvisioning(OcsClient ocs) {
        this.ocs = ocs;
    }

    @Override
    public Optional<NextcloudUser> findUser(String userId) {
        OcsAnswer answer = ocs.get(userPath(userId));
        if (answer.notFound()) {
            return Optional.empty();
        }
        return Optional.of(user(answer, answer.dataOrThrow("read user")));
    }

    @Override
    public List<String> listUserIds(String search, int offset, int limit) {
        OcsAnswer answer = ocs.get("/users", page(search, offset, limit));
        return strings(answer, answer.dataOrThrow("list users").path("users"), "a list of users");
    }

    @Override
    public UserCreation createUser(NewNextcloudUser user) {
        if (user.password() == null && user.email() == null) {
            throw new IllegalArgumentException("password or email required: without a password"
                    + " Nextcloud mails a link to set one");
        }
        OcsAnswer answer = ocs.send("POST", "/users", new Params()
                .add("userid", user.userId())
                .add("password", user.password())
                .add("displayName", user.displayName())
                .add("email", user.email())
                .addEach("groups[]", user.groups())
                .add("quota", user.quota())
                .add("language", user.language()));
        if (answer.ok()) {
            return UserCreation.CREATED;
        }
        return switch (answer.statusCode()) {
            case ALREADY_EXISTS -> UserCreation.ALREADY_EXISTS;
            case MAIL_FAILED -> UserCreation.CREATED_MAIL_FAILED;
            default -> throw answer.refusal("create user refused");
        };
    }

    @Override
    public boolean editUser(String userId, UserField field, String value) {
        if (value == null) {
            throw new IllegalArgumentException("value required; use an empty value to clear");
        }
        OcsAnswer answer = ocs.send("PUT", userPath(userId),
                new Params().add("key", field.key()).add("value", value));
        if (answer.notFound()) {
            return false;
        }
        answer.dataOrThrow("edit " + field.key() + " refused");
        return true;
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
        OcsAnswer answer = ocs.send("PUT", userPath(userId) + (enabled ? "/enable" : "/disable"));
        return doneOrAbsent(answer, userId, enabled ? "enable user refused"
                : "disable user refused");
    }

    @Override
    public boolean deleteUser(String userId) {
        return doneOrAbsent(ocs.send("DELETE", userPath(userId)), userId, "delete user refused");
    }

    @Override
    public Optional<List<String>> userGroups(String userId) {
        OcsAnswer answer = ocs.get(userPath(userId) + "/groups");
        if (answer.notFound()) {
            return Optional.empty();
        }
        JsonNode groups = answer.dataOrThrow("read groups of user").path("groups");
        return Optional.of(strings(answer, groups, "a list of groups"));
    }

    @Override
    public MembershipChange addToGroup(String userId, String groupId) {
        return membership(ocs.send("POST", userPath(userId) + "/groups", groupForm(groupId)),
                "add to group refused");
    }

    @Override
    public MembershipChange removeFromGroup(String userId, String groupId) {
        return membership(ocs.send("DELETE", userPath(userId) + "/groups", groupForm(groupId)),
                "remove from group refused");
    }

    @Override
    public boolean createGroupIfMissing(String groupId, String displayName) {
        OcsAnswer answer = ocs.send("POST", "/groups",
                groupForm(groupId).add("displayname", displayName));
        if (answer.statusCode() == ALREADY_EXISTS) {
            return false;
        }
        answer.dataOrThrow("create group refused");
        return true;
    }

    @Override
    public List<String> listGroupIds(String search, int offset, int limit) {
        OcsAnswer answer = ocs.get("/groups", page(search, offset, limit));
        return strings(answer, answer.dataOrThrow("list groups").path("groups"),
                "a list of groups");
    }

    @Override
    public ProbeResult probe() {
        return Probes.timed(() -> {
            OcsAnswer answer = ocs.get("/user");
            JsonNode account = answer.dataOrThrow("read signed-in account");
            String id = text(account.path("id"));
            if (id == null) {
                throw answer.malformed("an OCS user record");
            }
            boolean admin = strings(answer, account.path("groups"), "a list of groups")
                    .contains("admin");
            boolean groupAdmin = account.path("subadmin").size() > 0;
            if (!admin && !groupAdmin) {
                return ProbeResult.down("account " + id
                        + " is neither admin nor group admin; provisioning will be refused");
            }
            String role = admin ? "admin" : "group admin";
            return ProbeResult.up("provisioning as " + id + " (" + role + ")",
                    Map.of("account", id, "role", role, "ocs", "v" + ocs.version()));
        });
    }

    private static String userPath(String userId) {
        return "/users/" + OcsClient.pathSegment(userId, "userId");
    }

    private static Params groupForm(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId required");
        }
        return new Params().add("groupid", groupId);
    }

    private static Params page(String search, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "offset must be at least 0 and limit at least 1: " + offset + ", " + limit);
        }
        return new Params().add("search", search == null ? "" : search)
                .add("limit", Integer.toString(limit)).add("offset", Integer.toString(offset));
    }

    /**
     * True on success, false when the user does not exist. Older servers, and enable/disable on
     * current ones, answer a missing user with the same 101 as a refusal for an existing one
     * (the signed-in account itself), so 101 is settled by looking the user up.
     */
    private boolean doneOrAbsent(OcsAnswer answer, String userId, String summary) {
        if (answer.ok()) {
            return true;
        }
        if (answer.notFound()) {
            return false;
        }
        if (answer.statusCode() == INVALID_INPUT && findUser(userId).isEmpty()) {
            return false;
        }
        throw answer.refusal(summary);
    }

    private static MembershipChange membership(OcsAnswer answer, String summary) {
        if (answer.ok()) {
            return MembershipChange.DONE;
        }
        return switch (answer.statusCode()) {
            case GROUP_MISSING -> MembershipChange.NO_SUCH_GROUP;
            case USER_MISSING -> MembershipChange.NO_SUCH_USER;
            default -> throw answer.refusal(summary);
        };
    }

    private static NextcloudUser user(OcsAnswer answer, JsonNode data) {
        String id = text(data.path("id"));
        Optional<Boolean> enabled = bool(data.path("enabled"));
        if (id == null || enabled.isEmpty()) {
            // Nextcloud leaves "enabled" out for accounts that may only see themselves.
            throw answer.malformed("an OCS user record with id and enabled");
        }
        String displayName = text(data.has("displayname") ? data.path("displayname")
                : data.path("display-name"));
        return new NextcloudUser(id, enabled.get(), displayName, text(data.path("email")),
                strings(answer, data.path("groups"), "a list of groups"), quota(data.path("quota")),
                text(data.path("language")));
    }

    private static NextcloudUser.Quota quota(JsonNode quota) {
        long used = quota.path("used").isNumber() ? quota.path("used").asLong() : 0;
        JsonNode limit = quota.path("quota");
        // Negative numbers are Nextcloud's "unlimited" (-3), "unknown" (-2), "not computed" (-1).
        if (limit.isNumber() && limit.asLong() >= 0) {
            return new NextcloudUser.Quota(used, OptionalLong.of(limit.asLong()));
        }
        if (limit.isTextual() && limit.asText().matches("\\d+")) {
            return new NextcloudUser.Quota(used, OptionalLong.of(Long.parseLong(limit.asText())));
        }
        return new NextcloudUser.Quota(used, OptionalLong.empty());
    }

    /**
     * The strings in a JSON list. PHP sends an array whose keys are not 0..n-1 (after filtering)
     * as an object, and numeric ids as numbers, so both are accepted.
     */
    private static List<String> strings(OcsAnswer answer, JsonNode list, String what) {
        if (!list.isArray() && !list.isObject()) {
            throw answer.malformed(what);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : list) {
            if (!value.isTextual() && !value.isNumber()) {
                throw answer.malformed(what);
            }
            values.add(value.asText());
        }
        return List.copyOf(values);
    }

    /** Text or a number as text; null for null, missing or empty. */
    private static String text(JsonNode node) {
        if (node.isTextual() || node.isNumber()) {
            String text = node.asText();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static Optional<Boolean> bool(JsonNode node) {
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isTextual() || node.isNumber()) {
            return switch (node.asText()) {
                case "true", "1" -> Optional.of(true);
                case "false", "0", "" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}

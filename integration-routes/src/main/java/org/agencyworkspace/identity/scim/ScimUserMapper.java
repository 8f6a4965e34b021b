package org.agencyworkspace.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.springframework.stereotype.Component;

/**
 * Turns identities into SCIM User resources and back. Reads the core User schema, the
 * enterprise extension's {@code department}, and the workspace extension (clearance,
 * departments, Chinese display name); a value of the wrong JSON type is refused, not guessed.
 */
@Component
public class ScimUserMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The SCIM representation of an identity, with {@code meta} for the given base URL. */
    public ObjectNode toScim(Identity identity, URI usersBase) {
        IdentityDraft person = identity.attributes();
        ObjectNode user = NODES.objectNode();
        ArrayNode schemas = user.putArray("schemas");
        schemas.add(ScimSchemas.USER).add(ScimSchemas.ENTERPRISE_USER).add(ScimSchemas.WORKSPACE_USER);
        user.put("id", identity.id());
        if (person.externalId() != null) {
            user.put("externalId", person.externalId());
        }
        user.put("userName", person.userName());
        ObjectNode name = user.putObject("name");
        putIfPresent(name, "givenName", person.givenName());
        putIfPresent(name, "familyName", person.familyName());
        name.put("formatted", person.displayNameEn());
        user.put("displayName", person.displayNameEn());
        user.putArray("emails").addObject().put("value", person.email()).put("type", "work")
                .put("primary", true);
        if (person.phone() != null) {
            user.putArray("phoneNumbers").addObject().put("value", person.phone()).put("type", "work");
        }
        user.put("active", identity.active());
        ArrayNode roles = user.putArray("roles");
        person.roles().forEach(role -> roles.addObject().put("value", role));
        ArrayNode groups = user.putArray("groups");
        person.departments().forEach(code -> groups.addObject().put("value", code)
                .put("display", code).put("$ref", usersBase.resolve("Groups/" + code).toString()));
        if (!person.departments().isEmpty()) {
            user.putObject(ScimSchemas.ENTERPRISE_USER).put("department", person.departments().get(0));
        }
        ObjectNode workspace = user.putObject(ScimSchemas.WORKSPACE_USER);
        workspace.put("clearance", person.clearance());
        ArrayNode departments = workspace.putArray("departments");
        person.departments().forEach(departments::add);
        putIfPresent(workspace, "displayNameZh", person.displayNameZh());
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", identity.created().toString());
        meta.put("lastModified", identity.lastModified().toString());
        meta.put("version", identity.etag());
        meta.put("location", usersBase.resolve("Users/" + identity.id()).toString());
        return user;
    }

    /**
     * Reads a SCIM User resource sent by a client.
     *
     * @throws IdentityRejectedException when a value has the wrong type
     */
    public IdentityDraft fromScim(JsonNode user) {
        if (user == null || !user.isObject()) {
            throw invalid("the body must be a SCIM User object");
        }
        JsonNode name = optionalObject(user, "name");
        JsonNode enterprise = optionalObject(user, ScimSchemas.ENTERPRISE_USER);
        JsonNode workspace = optionalObject(user, ScimSchemas.WORKSPACE_USER);
        List<String> departments = strings(workspace, "departments");
        if (departments.isEmpty()) {
            String department = text(enterprise, "department");
            departments = department == null ? List.of() : List.of(department);
        }
        return new IdentityDraft(text(user, "userName"), text(user, "externalId"),
                text(name, "givenName"), text(name, "familyName"), text(user, "displayName"),
                text(workspace, "displayNameZh"), primaryValue(user, "emails"),
                primaryValue(user, "phoneNumbers"), departments, values(user, "roles"),
                text(workspace, "clearance"), active(user));
    }

    private static boolean active(JsonNode user) {
        JsonNode active = user.get("active");
        if (active == null || active.isNull()) {
            return true;
        }
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        // Some provisioning clients send the flag as a string; accept only the two spellings.
        if (active.isTextual() && ("true".equalsIgnoreCase(active.asText())
                || "false".equalsIgnoreCase(active.asText()))) {
            return Boolean.parseBoolean(active.asText());
        }
        throw invalid("active must be true or false");
    }

    /** The primary entry's value of a multi-valued attribute, else the first one's. */
    private static String primaryValue(JsonNode user, String attribute) {
        JsonNode entries = user.get(attribute);
        if (entries == null || entries.isNull()) {
            return null;
        }
        if (!entries.isArray()) {
            throw invalid(attribute + " must be an array");
        }
        JsonNode chosen = null;
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw invalid(attribute + " entries must be objects with a value");
            }
            if (chosen == null || entry.path("primary").asBoolean(false)) {
                chosen = entry;
            }
        }
        return chosen == null ? null : text(chosen, "value");
    }

    private static List<String> values(JsonNode user, String attribute) {
        JsonNode entries = user.get(attribute);
        if (entries == null || entries.isNull()) {
            return List.of();
        }
        if (!entries.isArray()) {
            throw invalid(attribute + " must be an array");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entry : entries) {
            String value = entry.isTextual() ? entry.asText() : text(entry, "value");
            if (value == null) {
                throw invalid(attribute + " entries need a value");
            }
            values.add(value);
        }
        return values;
    }

    private static List<String> strings(JsonNode parent, String field) {
        JsonNode array = parent == null ? null : parent.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw invalid(field + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static JsonNode optionalObject(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field + " must be an object");
        }
        return value;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static IdentityRejectedException invalid(String message) {
        return new IdentityRejectedException(IdentityRejectedException.Reason.INVALID_VALUE, message);
    }
}

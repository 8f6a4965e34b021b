package org.agencyworkspace.connector.syncope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes Syncope's request bodies and reads its transfer objects, with the agency attributes
 * under the configured schema names. Readers throw {@link IllegalArgumentException} for an answer
 * that is not the documented shape; the connector turns that into a permanent failure.
 */
final class SyncopeJson {

    static final String USER_CR = "org.apache.syncope.common.lib.request.UserCR";
    static final String USER_UR = "org.apache.syncope.common.lib.request.UserUR";
    private static final String ADD_REPLACE = "ADD_REPLACE";
    private static final String DELETE = "DELETE";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<AgencyAttribute, String> schemaNames;

    SyncopeJson(Map<AgencyAttribute, String> schemaNames) {
        this.schemaNames = new EnumMap<>(schemaNames);
    }

    /**
     * Refuses further attributes that name a schema an agency attribute is mapped to: the two
     * would overwrite each other in one request. Checked before any request is sent.
     */
    void requireNoAgencySchema(Collection<String> schemas) {
        schemas.stream().filter(schemaNames::containsValue).findFirst().ifPresent(schema -> {
            throw new IllegalArgumentException("attribute " + schema + " holds an agency"
                    + " attribute; set it through AgencyProfile or AgencyAttribute");
        });
    }

    /** {@code UserCR}; memberships by group key, so Syncope cannot skip an unknown group. */
    String userCreate(NewUser user, List<String> groupKeys) {
        ObjectNode request = json.createObjectNode();
        request.put("_class", USER_CR);
        request.put("realm", user.realm());
        request.put("username", user.username());
        if (user.password() != null) {
            request.put("password", user.password());
        }
        ArrayNode attributes = request.putArray("plainAttrs");
        plainAttributes(user).forEach((schema, values) -> {
            if (!values.isEmpty()) {
                attributes.add(attr(schema, values));
            }
        });
        ArrayNode memberships = request.putArray("memberships");
        groupKeys.forEach(key -> memberships.addObject().put("groupKey", key));
        strings(request.putArray("roles"), new TreeSet<>(user.roles()));
        return request.toString();
    }

    /** {@code UserUR}: only the parts the update names. */
    String userPatch(UserUpdate update, List<String> joinGroupKeys, List<String> leaveGroupKeys) {
        ObjectNode request = json.createObjectNode();
        request.put("_class", USER_UR);
        request.put("key", update.key());
        if (update.newUsername() != null) {
            request.putObject("username").put("operation", ADD_REPLACE)
                    .put("value", update.newUsername());
        }
        Map<String, List<String>> changes = attributeChanges(update);
        if (!changes.isEmpty()) {
            ArrayNode patches = request.putArray("plainAttrs");
            changes.forEach((schema, values) -> patches.addObject()
                    .put("operation", values.isEmpty() ? DELETE : ADD_REPLACE)
                    .set("attr", attr(schema, values)));
        }
        if (!joinGroupKeys.isEmpty() || !leaveGroupKeys.isEmpty()) {
            ArrayNode memberships = request.putArray("memberships");
            joinGroupKeys.forEach(key -> memberships.addObject().put("operation", ADD_REPLACE)
                    .put("group", key));
            leaveGroupKeys.forEach(key -> memberships.addObject().put("operation", DELETE)
                    .put("group", key));
        }
        if (!update.addRoles().isEmpty() || !update.removeRoles().isEmpty()) {
            ArrayNode roles = request.putArray("roles");
            new TreeSet<>(update.addRoles()).forEach(role -> roles.addObject()
                    .put("operation", ADD_REPLACE).put("value", role));
            new TreeSet<>(update.removeRoles()).forEach(role -> roles.addObject()
                    .put("operation", DELETE).put("value", role));
        }
        return request.toString();
    }

    /**
     * {@code StatusR}. It has no {@code _class}: the class declares no type discriminator, and
     * Syncope's mapper would refuse a property it does not know.
     */
    String statusRequest(StatusChange change) {
        ObjectNode request = json.createObjectNode();
        request.put("key", change.userKey());
        request.put("type", change.type().name());
        request.put("onSyncope", true);
        strings(request.putArray("resources"), new TreeSet<>(change.resources()));
        return request.toString();
    }

    JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A {@code UserTO}. */
    SyncopeUser user(JsonNode user, String etag) {
        Map<String, List<String>> attributes = attributes(user.path("plainAttrs"));
        List<SyncopeMembership> memberships = new ArrayList<>();
        user.path("memberships").forEach(m -> memberships.add(membership(m, false)));
        user.path("dynMemberships").forEach(m -> memberships.add(membership(m, true)));
        String status = optionalText(user, "status");
        JsonNode suspended = user.path("suspended");
        return new SyncopeUser(requiredText(user, "key"), requiredText(user, "username"),
                optionalText(user, "realm"), status,
                suspended.isBoolean() ? suspended.booleanValue() : "suspended".equals(status),
                instant(user, "creationDate"), instant(user, "lastChangeDate"), attributes,
                profile(attributes), memberships, texts(user.path("roles")),
                texts(user.path("resources")), etag);
    }

    /** A {@code GroupTO}. */
    SyncopeGroup group(JsonNode group) {
        return new SyncopeGroup(requiredText(group, "key"), requiredText(group, "name"),
                optionalText(group, "realm"), instant(group, "lastChangeDate"),
                attributes(group.path("plainAttrs")));
    }

    /** The entity of a {@code ProvisioningResult}. */
    JsonNode provisionedEntity(JsonNode result) {
        JsonNode entity = result.path("entity");
        if (!entity.isObject()) {
            throw new IllegalArgumentException("no entity in the provisioning result");
        }
        return entity;
    }

    /** A {@code PagedResult}; its own {@code size} counts the items, so the query's is kept. */
    <T> SyncopePage<T> page(JsonNode paged, SearchQuery query, Function<JsonNode, T> item) {
        JsonNode result = paged.path("result");
        JsonNode total = paged.path("totalCount");
        if (!result.isArray() || !total.canConvertToLong()) {
            throw new IllegalArgumentException("no result array or totalCount");
        }
        List<T> items = new ArrayList<>();
        result.forEach(entity -> items.add(item.apply(entity)));
        int page = paged.path("page").canConvertToInt() ? paged.path("page").intValue()
                : query.page();
        long seen = (long) (page - 1) * query.size() + items.size();
        Optional<SearchQuery> next = !items.isEmpty() && seen < total.longValue()
                ? Optional.of(query.withPage(page + 1)) : Optional.empty();
        return new SyncopePage<>(items, page, query.size(), total.longValue(), next);
    }

    private Map<String, List<String>> plainAttributes(NewUser user) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (AgencyAttribute attribute : AgencyAttribute.values()) {
            attributes.put(schemaNames.get(attribute), user.profile().values(attribute));
        }
        attributes.putAll(user.attributes());
        return attributes;
    }

    private Map<String, List<String>> attributeChanges(UserUpdate update) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        update.profileChanges().forEach((attribute, values) ->
                changes.put(schemaNames.get(attribute), values));
        changes.putAll(update.attributeChanges());
        return changes;
    }

    private AgencyProfile profile(Map<String, List<String>> attributes) {
        Function<AgencyAttribute, List<String>> values =
                attribute -> attributes.getOrDefault(schemaNames.get(attribute), List.of());
        Function<AgencyAttribute, String> first =
                attribute -> values.apply(attribute).stream().findFirst().orElse(null);
        return new AgencyProfile(values.apply(AgencyAttribute.DEPARTMENTS),
                first.apply(AgencyAttribute.CLEARANCE), first.apply(AgencyAttribute.EMAIL),
                first.apply(AgencyAttribute.PHONE), first.apply(AgencyAttribute.EMPLOYMENT_STATUS),
                first.apply(AgencyAttribute.DISPLAY_NAME_ZH),
                first.apply(AgencyAttribute.DISPLAY_NAME_EN));
    }

    private ObjectNode attr(String schema, List<String> values) {
        ObjectNode attr = json.createObjectNode();
        attr.put("schema", schema);
        strings(attr.putArray("values"), values);
        return attr;
    }

    private static Map<String, List<String>> attributes(JsonNode plainAttrs) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        plainAttrs.forEach(attr -> attributes.put(requiredText(attr, "schema"),
                texts(attr.path("values"))));
        return attributes;
    }

    private static SyncopeMembership membership(JsonNode membership, boolean dynamic) {
        return new SyncopeMembership(requiredText(membership, "groupKey"),
                optionalText(membership, "groupName"), dynamic);
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> {
            if (!value.isValueNode() || value.isNull()) {
                throw new IllegalArgumentException("expected text values, got " + value);
            }
            texts.add(value.asText());
        });
        return texts;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO date-time: " + value, e);
        }
    }
}

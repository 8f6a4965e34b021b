package org.agencyworkspace.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.agencyworkspace.identity.Departments;
import org.agencyworkspace.identity.Departments.Department;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM 2.0 Groups: the agency's departments. The group id is the department code (sent in the
 * workspace extension, or made from the display name); members are users.
 */
@RestController
@RequestMapping(path = "/scim/v2/Groups", produces = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
public class ScimGroupsController {

    private final Departments departments;

    public ScimGroupsController(Departments departments) {
        this.departments = departments;
    }

    @GetMapping
    public ObjectNode list(@RequestParam(required = false) String filter,
            HttpServletRequest request) throws ScimException {
        Filter parsed = filter == null || filter.isBlank() ? null : Filter.fromString(filter);
        List<ObjectNode> matching = new ArrayList<>();
        for (Department department : departments.all()) {
            ObjectNode group = toScim(department, ScimUsersController.base(request));
            if (parsed == null || FilterEvaluator.evaluate(parsed, group)) {
                matching.add(group);
            }
        }
        ObjectNode answer = JsonUtils.getJsonNodeFactory().objectNode();
        answer.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        answer.put("totalResults", matching.size());
        answer.put("startIndex", 1);
        answer.put("itemsPerPage", matching.size());
        answer.putArray("Resources").addAll(matching);
        return answer;
    }

    @GetMapping("/{code}")
    public ObjectNode get(@PathVariable String code, HttpServletRequest request) {
        return toScim(find(code), ScimUsersController.base(request));
    }

    @PostMapping(consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<ObjectNode> create(@RequestBody JsonNode body, HttpServletRequest request) {
        String name = text(body, "displayName");
        if (name == null) {
            throw invalid("displayName is required");
        }
        JsonNode extension = body.path(ScimSchemas.WORKSPACE_GROUP);
        String code = text(extension, "code");
        Department created = departments.create(code == null ? Departments.codeFor(name) : code,
                name, text(extension, "nameZh"), memberIds(body), ScimUsersController.ACTOR);
        URI base = ScimUsersController.base(request);
        return ResponseEntity.status(HttpStatus.CREATED).location(base.resolve("Groups/" + created.code()))
                .contentType(MediaType.parseMediaType(ScimSchemas.MEDIA_TYPE))
                .body(toScim(created, base));
    }

    @PutMapping(path = "/{code}", consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ObjectNode replace(@PathVariable String code, @RequestBody JsonNode body,
            HttpServletRequest request) {
        find(code);
        return toScim(departments.replace(code, text(body, "displayName"),
                text(body.path(ScimSchemas.WORKSPACE_GROUP), "nameZh"), memberIds(body),
                ScimUsersController.ACTOR), ScimUsersController.base(request));
    }

    /** Applies add/remove/replace of members (and names) to the current group. */
    @PatchMapping(path = "/{code}", consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ObjectNode patch(@PathVariable String code, @RequestBody JsonNode body,
            HttpServletRequest request) throws ScimException {
        URI base = ScimUsersController.base(request);
        GenericScimResource group = new GenericScimResource(toScim(find(code), base));
        try {
            JsonUtils.getObjectReader().treeToValue(body, PatchRequest.class).apply(group);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ScimException.createException(400, "invalid PatchOp request", e);
        }
        ObjectNode patched = group.getObjectNode();
        return toScim(departments.replace(code, text(patched, "displayName"),
                text(patched.path(ScimSchemas.WORKSPACE_GROUP), "nameZh"), memberIds(patched),
                ScimUsersController.ACTOR), base);
    }

    @DeleteMapping("/{code}")
    public ResponseEntity<Void> delete(@PathVariable String code) {
        departments.delete(code, ScimUsersController.ACTOR);
        return ResponseEntity.noContent().build();
    }

    private ObjectNode toScim(Department department, URI base) {
        ObjectNode group = JsonUtils.getJsonNodeFactory().objectNode();
        group.putArray("schemas").add(ScimSchemas.GROUP).add(ScimSchemas.WORKSPACE_GROUP);
        group.put("id", department.code());
        group.put("displayName", department.nameEn());
        ArrayNode members = group.putArray("members");
        for (Departments.Member member : department.members()) {
            members.addObject().put("value", member.id()).put("display", member.userName())
                    .put("type", "User").put("$ref", base.resolve("Users/" + member.id()).toString());
        }
        group.putObject(ScimSchemas.WORKSPACE_GROUP).put("code", department.code())
                .put("nameZh", department.nameZh());
        group.putObject("meta").put("resourceType", "Group")
                .put("location", base.resolve("Groups/" + department.code()).toString());
        return group;
    }

    private Department find(String code) {
        return departments.find(code).orElseThrow(() -> new IdentityRejectedException(
                IdentityRejectedException.Reason.NOT_FOUND, "no group " + code));
    }

    private static List<String> memberIds(JsonNode group) {
        JsonNode members = group.get("members");
        if (members == null || members.isNull()) {
            return List.of();
        }
        if (!members.isArray()) {
            throw invalid("members must be an array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode member : members) {
            String id = text(member, "value");
            if (id == null) {
                throw invalid("every member needs a value (the user id)");
            }
            ids.add(id);
        }
        return ids;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    private static IdentityRejectedException invalid(String message) {
        return new IdentityRejectedException(IdentityRejectedException.Reason.INVALID_VALUE, message);
    }
}

package org.agencyworkspace.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.agencyworkspace.identity.Identity;
import org.agencyworkspace.identity.IdentityDraft;
import org.agencyworkspace.identity.IdentityProperties;
import org.agencyworkspace.identity.IdentityRejectedException;
import org.agencyworkspace.identity.IdentityService;
import org.agencyworkspace.identity.IdentityStore;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * SCIM 2.0 Users (RFC 7644 section 3): create, get, list with {@code filter} and paging,
 * replace, patch (including {@code active}), delete. Every change goes through
 * {@link IdentityService}, so it is checked, stored, queued for the apps and audited at once.
 */
@RestController
@RequestMapping(path = "/scim/v2/Users", produces = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
public class ScimUsersController {

    static final String ACTOR = "scim";

    private final IdentityService identities;
    private final IdentityStore store;
    private final ScimUserMapper mapper;
    private final int maxResults;

    public ScimUsersController(IdentityService identities, IdentityStore store,
            ScimUserMapper mapper, IdentityProperties properties) {
        this.identities = identities;
        this.store = store;
        this.mapper = mapper;
        this.maxResults = properties.scim().maxResults();
    }

    @GetMapping
    public ObjectNode list(@RequestParam(required = false) String filter,
            @RequestParam(defaultValue = "1") int startIndex,
            @RequestParam(required = false) Integer count, HttpServletRequest request)
            throws ScimException {
        List<Identity> matching = matching(filter);
        int from = Math.max(1, startIndex);
        int size = count == null ? maxResults : Math.max(0, Math.min(count, maxResults));
        List<ObjectNode> page = matching.stream().skip(from - 1L).limit(size)
                .map(identity -> mapper.toScim(identity, base(request))).toList();
        ObjectNode answer = JsonUtils.getJsonNodeFactory().objectNode();
        answer.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        answer.put("totalResults", matching.size());
        answer.put("startIndex", from);
        answer.put("itemsPerPage", page.size());
        answer.putArray("Resources").addAll(page);
        return answer;
    }

    @GetMapping("/{id}")
    public ResponseEntity<ObjectNode> get(@PathVariable String id, HttpServletRequest request) {
        Identity identity = identities.find(id).orElseThrow(() -> notFound(id));
        return withEtag(ResponseEntity.ok(), identity, request);
    }

    @PostMapping(consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<ObjectNode> create(@RequestBody JsonNode body, HttpServletRequest request) {
        Identity created = identities.create(mapper.fromScim(body), "scim", ACTOR);
        return withEtag(ResponseEntity.status(HttpStatus.CREATED)
                .location(base(request).resolve("Users/" + created.id())), created, request);
    }

    @PutMapping(path = "/{id}", consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<ObjectNode> replace(@PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            HttpServletRequest request) {
        Identity replaced = identities.replace(id, mapper.fromScim(body), version(ifMatch), ACTOR);
        return withEtag(ResponseEntity.ok(), replaced, request);
    }

    /** Applies the operations to the current resource, then stores the result as a replace. */
    @PatchMapping(path = "/{id}", consumes = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    public ResponseEntity<ObjectNode> patch(@PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            HttpServletRequest request) throws ScimException {
        Identity current = identities.find(id).orElseThrow(() -> notFound(id));
        PatchRequest patch = readPatch(body);
        GenericScimResource resource = new GenericScimResource(mapper.toScim(current, base(request)));
        patch.apply(resource);
        IdentityDraft patched = mapper.fromScim(resource.getObjectNode());
        Long expected = ifMatch == null ? Long.valueOf(current.version()) : version(ifMatch);
        Identity replaced = identities.replace(id, patched, expected, ACTOR);
        return withEtag(ResponseEntity.ok(), replaced, request);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        identities.delete(id, ACTOR);
        return ResponseEntity.noContent().build();
    }

    private List<Identity> matching(String filterText) throws ScimException {
        if (filterText == null || filterText.isBlank()) {
            return store.all();
        }
        Filter filter = Filter.fromString(filterText);
        if (filter.getFilterType() == FilterType.EQUAL && filter.getAttributePath() != null
                && filter.getAttributePath().size() == 1 && filter.getComparisonValue() != null
                && filter.getComparisonValue().isTextual()) {
            String attribute = filter.getAttributePath().getElement(0).getAttribute()
                    .toLowerCase(Locale.ROOT);
            String value = filter.getComparisonValue().asText();
            if (attribute.equals("username")) {
                // userName is case-insensitive in SCIM; ours are lower case by rule.
                return store.findByUserName(value.toLowerCase(Locale.ROOT))
                        .filter(identity -> identity.status() != Identity.Status.DELETED)
                        .map(List::of).orElse(List.of());
            }
            if (attribute.equals("externalid")) {
                return store.findByExternalId(value);
            }
        }
        // Any other filter is evaluated on the resources themselves; an agency has thousands of
        // people, not millions, so a scan is acceptable here.
        List<Identity> matching = new ArrayList<>();
        URI base = URI.create("http://localhost/scim/v2/");
        for (Identity identity : store.all()) {
            if (FilterEvaluator.evaluate(filter, mapper.toScim(identity, base))) {
                matching.add(identity);
            }
        }
        return matching;
    }

    private static PatchRequest readPatch(JsonNode body) throws ScimException {
        try {
            return JsonUtils.getObjectReader().treeToValue(body, PatchRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ScimException.createException(400, "invalid PatchOp request: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage()
                            : e.getMessage()), e);
        }
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String digits = ifMatch.replace("W/", "").replace("\"", "").strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // An ETag we never issued cannot match.
            return -1L;
        }
    }

    private ResponseEntity<ObjectNode> withEtag(ResponseEntity.BodyBuilder builder,
            Identity identity, HttpServletRequest request) {
        return builder.eTag(identity.etag())
                .contentType(MediaType.parseMediaType(ScimSchemas.MEDIA_TYPE))
                .body(mapper.toScim(identity, base(request)));
    }

    /** The SCIM base of this request, e.g. {@code https://workspace.example/scim/v2/}. */
    static URI base(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        int scim = url.indexOf("/scim/v2/");
        return URI.create(url.substring(0, scim) + "/scim/v2/");
    }

    private static IdentityRejectedException notFound(String id) {
        return new IdentityRejectedException(IdentityRejectedException.Reason.NOT_FOUND,
                "no user " + id);
    }
}

package org.agencyworkspace.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.agencyworkspace.identity.IdentityProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What SCIM clients ask first: which features this service provider has and its resource types. */
@RestController
@RequestMapping(path = "/scim/v2", produces = {ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
public class ScimDiscoveryController {

    private final int maxResults;

    public ScimDiscoveryController(IdentityProperties properties) {
        this.maxResults = properties.scim().maxResults();
    }

    @GetMapping("/ServiceProviderConfig")
    public ObjectNode serviceProviderConfig() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", maxResults);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken").put("name", "Bearer token")
                .put("description", "The token set in workspace.identity.scim.bearer-token")
                .put("primary", true);
        return config;
    }

    @GetMapping("/ResourceTypes")
    public ObjectNode resourceTypes(HttpServletRequest request) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        answer.put("totalResults", 2);
        ArrayNode resources = answer.putArray("Resources");
        ObjectNode user = resources.addObject();
        user.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        user.put("id", "User").put("name", "User").put("endpoint", "/Users")
                .put("schema", ScimSchemas.USER);
        ArrayNode extensions = user.putArray("schemaExtensions");
        extensions.addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        extensions.addObject().put("schema", ScimSchemas.WORKSPACE_USER).put("required", false);
        ObjectNode group = resources.addObject();
        group.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        group.put("id", "Group").put("name", "Group").put("endpoint", "/Groups")
                .put("schema", ScimSchemas.GROUP);
        group.putArray("schemaExtensions").addObject().put("schema", ScimSchemas.WORKSPACE_GROUP)
                .put("required", false);
        return answer;
    }
}

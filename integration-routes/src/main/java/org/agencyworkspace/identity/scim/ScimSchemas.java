package org.agencyworkspace.identity.scim;

/** Schema URNs and media type of the SCIM 2.0 endpoint (RFC 7643, RFC 7644). */
final class ScimSchemas {

    static final String MEDIA_TYPE = "application/scim+json";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** The workspace's own attributes: clearance, departments, Chinese display name. */
    static final String WORKSPACE_USER = "urn:agency-workspace:params:scim:schemas:extension:2.0:User";
    /** The workspace's own group attributes: department code and Chinese name. */
    static final String WORKSPACE_GROUP = "urn:agency-workspace:params:scim:schemas:extension:2.0:Group";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SERVICE_PROVIDER_CONFIG =
            "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private ScimSchemas() {
    }
}

package org.agencyworkspace.connector.keycloak;

/** What a create-or-update call did to Keycloak. */
public enum WriteOutcome {
    /** The object did not exist and was created. */
    CREATED,
    /** The object existed and was changed to match the request. */
    UPDATED,
    /** The object already matched the request; nothing was written. */
    UNCHANGED
}

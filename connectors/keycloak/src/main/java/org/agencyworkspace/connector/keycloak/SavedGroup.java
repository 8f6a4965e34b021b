package org.agencyworkspace.connector.keycloak;

import java.util.Objects;

/**
 * What {@link KeycloakAdmin#createOrUpdateGroup} did.
 *
 * @param outcome whether the group was created, changed, or already as asked
 * @param group the group as Keycloak holds it afterwards
 */
public record SavedGroup(WriteOutcome outcome, KeycloakGroup group) {

    public SavedGroup {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(group, "group");
    }
}

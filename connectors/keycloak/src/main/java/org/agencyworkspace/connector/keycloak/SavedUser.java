package org.agencyworkspace.connector.keycloak;

import java.util.Objects;

/**
 * What {@link KeycloakAdmin#createOrUpdateUser} did.
 *
 * @param outcome whether the account was created, changed, or already as asked
 * @param user the account as Keycloak holds it afterwards
 */
public record SavedUser(WriteOutcome outcome, KeycloakUser user) {

    public SavedUser {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(user, "user");
    }
}

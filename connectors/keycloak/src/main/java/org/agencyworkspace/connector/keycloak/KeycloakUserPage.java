package org.agencyworkspace.connector.keycloak;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of accounts.
 *
 * @param users the accounts on this page
 * @param next the query for the following page; empty when this page was not full, so no more
 *     accounts matched
 */
public record KeycloakUserPage(List<KeycloakUser> users, Optional<KeycloakUserQuery> next) {

    public KeycloakUserPage {
        users = List.copyOf(users);
        Objects.requireNonNull(next, "next");
    }
}

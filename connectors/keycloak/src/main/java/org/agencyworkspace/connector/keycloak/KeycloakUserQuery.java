package org.agencyworkspace.connector.keycloak;

/**
 * One page of {@code GET /admin/realms/{realm}/users}, ordered as Keycloak orders it (by
 * username). Service-account users are never listed. Start from {@link #all(int)}; the next page
 * comes from {@link KeycloakUserPage#next()}.
 *
 * @param search only accounts whose username, e-mail, first or last name contains this text
 *     (Keycloak's {@code search}); null for all
 * @param first how many matching accounts to skip
 * @param max at most this many accounts per page
 */
public record KeycloakUserQuery(String search, int first, int max) {

    public KeycloakUserQuery {
        if (first < 0) {
            throw new IllegalArgumentException("first must not be negative: " + first);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (search != null && search.isBlank()) {
            throw new IllegalArgumentException("search must not be blank; use null for all");
        }
    }

    /** The first page of every account, {@code pageSize} at a time. */
    public static KeycloakUserQuery all(int pageSize) {
        return new KeycloakUserQuery(null, 0, pageSize);
    }

    /** The same query narrowed to accounts whose names or e-mail contain {@code text}. */
    public KeycloakUserQuery withSearch(String text) {
        return new KeycloakUserQuery(text, first, max);
    }

    KeycloakUserQuery nextPage() {
        return new KeycloakUserQuery(search, first + max, max);
    }
}

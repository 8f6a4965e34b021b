package org.agencyworkspace.connector.keycloak;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account of the realm as {@code GET /admin/realms/{realm}/users/{id}} describes it.
 *
 * @param id Keycloak's id of the account (a UUID), used by every other admin call
 * @param username sign-in name; Keycloak stores it in lower case
 * @param email e-mail address in lower case; null when the account has none
 * @param emailVerified whether Keycloak treats the address as verified
 * @param firstName given name; null when unset
 * @param lastName family name; null when unset
 * @param enabled whether the account may sign in
 * @param createdAt when the account was created; null when Keycloak did not say
 * @param attributes the attributes the realm's user profile lets an admin see, each with its
 *     values
 * @param requiredActions what the user must do at the next sign-in (e.g. {@code CONFIGURE_TOTP})
 * @param otpConfigured whether the account has an OTP credential
 */
public record KeycloakUser(String id, String username, String email, boolean emailVerified,
        String firstName, String lastName, boolean enabled, Instant createdAt,
        Map<String, List<String>> attributes, List<String> requiredActions,
        boolean otpConfigured) {

    public KeycloakUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        attributes = Attributes.copyOf(attributes);
        requiredActions = List.copyOf(requiredActions);
    }

    /** The values of one attribute; empty when the account does not have it. */
    public List<String> attribute(String name) {
        return attributes.getOrDefault(name, List.of());
    }
}

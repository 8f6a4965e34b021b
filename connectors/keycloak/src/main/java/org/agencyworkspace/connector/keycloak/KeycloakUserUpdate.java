package org.agencyworkspace.connector.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link KeycloakAdmin#createOrUpdateUser} makes true of the account named
 * {@code username}. A null component leaves that detail as it is on an existing account and
 * unset on a new one. Start from {@link #of(String)} and add what should change.
 *
 * @param username the sign-in name that identifies the account; Keycloak stores it in lower case
 *     and never changes it on an existing account (the shipped realm's user profile also refuses
 *     names shorter than 3 characters)
 * @param email e-mail address; Keycloak stores it in lower case, and refuses (HTTP 409) one that
 *     another account of the realm already has
 * @param firstName given name
 * @param lastName family name
 * @param enabled whether the account may sign in; a new account is created enabled when null
 * @param emailVerified whether the address counts as verified
 * @param attributes attributes to set, each replacing all values of that attribute; an empty list
 *     removes the attribute. Attributes not named here are kept. Keycloak stores only attributes
 *     its realm user profile declares (or admits as unmanaged); anything else is refused by
 *     {@link KeycloakAdmin#createOrUpdateUser}
 * @param requiredActions required-action provider ids (e.g. {@code UPDATE_PASSWORD},
 *     {@code CONFIGURE_TOTP}) to add to what the user must do at the next sign-in; existing ones
 *     are kept, and a new account always also gets the realm's default actions
 */
public record KeycloakUserUpdate(String username, String email, String firstName, String lastName,
        Boolean enabled, Boolean emailVerified, Map<String, List<String>> attributes,
        List<String> requiredActions) {

    /** Profile fields with their own components, which are not set as attributes. */
    private static final Set<String> PROFILE_FIELDS = Set.of("username", "email", "firstName",
            "lastName");

    public KeycloakUserUpdate {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username required");
        }
        if (email != null && email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank; use null to keep it");
        }
        attributes = Attributes.copyOf(attributes == null ? Map.of() : attributes);
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            if (attribute.getKey().isBlank()) {
                throw new IllegalArgumentException("attribute names must not be blank");
            }
            if (PROFILE_FIELDS.contains(attribute.getKey())) {
                throw new IllegalArgumentException("set " + attribute.getKey()
                        + " through its own component, not as an attribute");
            }
        }
        requiredActions = List.copyOf(new LinkedHashSet<>(
                requiredActions == null ? List.of() : requiredActions));
        if (requiredActions.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("required actions must not be blank");
        }
    }

    /** An update of {@code username} that changes nothing yet (creates the account if missing). */
    public static KeycloakUserUpdate of(String username) {
        return new KeycloakUserUpdate(username, null, null, null, null, null, Map.of(), List.of());
    }

    /** The same update, also setting the e-mail address. */
    public KeycloakUserUpdate withEmail(String newEmail) {
        return new KeycloakUserUpdate(username, newEmail, firstName, lastName, enabled,
                emailVerified, attributes, requiredActions);
    }

    /** The same update, also setting given and family name. */
    public KeycloakUserUpdate withName(String newFirstName, String newLastName) {
        return new KeycloakUserUpdate(username, email, newFirstName, newLastName, enabled,
                emailVerified, attributes, requiredActions);
    }

    /** The same update, also enabling or disabling sign-in. */
    public KeycloakUserUpdate withEnabled(boolean newEnabled) {
        return new KeycloakUserUpdate(username, email, firstName, lastName, newEnabled,
                emailVerified, attributes, requiredActions);
    }

    /** The same update, also marking the e-mail address verified or not. */
    public KeycloakUserUpdate withEmailVerified(boolean newEmailVerified) {
        return new KeycloakUserUpdate(username, email, firstName, lastName, enabled,
                newEmailVerified, attributes, requiredActions);
    }

    /**
     * The same update, also making {@code values} all the values of attribute {@code name}; no
     * values removes the attribute.
     */
    public KeycloakUserUpdate withAttribute(String name, List<String> values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(attributes);
        changed.put(name, Objects.requireNonNull(values, "values"));
        return new KeycloakUserUpdate(username, email, firstName, lastName, enabled,
                emailVerified, changed, requiredActions);
    }

    /** The same update, also adding these required actions. */
    public KeycloakUserUpdate withRequiredActions(String... actions) {
        List<String> added = new ArrayList<>(requiredActions);
        added.addAll(List.of(actions));
        return new KeycloakUserUpdate(username, email, firstName, lastName, enabled,
                emailVerified, attributes, added);
    }
}

package org.agencyworkspace.connector.keycloak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KeycloakAdmin#createOrUpdateGroup} makes true of the top-level group called
 * {@code name}. Start from {@link #of(String)}.
 *
 * @param name the group's name, which identifies it among the top-level groups; it may not hold
 *     {@code /}, which Keycloak would store but then read as a path separator
 * @param attributes attributes to set, each replacing all values of that attribute; an empty list
 *     removes it. Attributes not named here are kept
 */
public record KeycloakGroupUpdate(String name, Map<String, List<String>> attributes) {

    public KeycloakGroupUpdate {
        requireGroupName(name);
        attributes = Attributes.copyOf(attributes == null ? Map.of() : attributes);
        if (attributes.keySet().stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("attribute names must not be blank");
        }
    }

    /** An update of group {@code name} that changes nothing yet (creates it if missing). */
    public static KeycloakGroupUpdate of(String name) {
        return new KeycloakGroupUpdate(name, Map.of());
    }

    /** The same update, also making {@code values} all the values of attribute {@code name}. */
    public KeycloakGroupUpdate withAttribute(String attribute, List<String> values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(attributes);
        changed.put(attribute, Objects.requireNonNull(values, "values"));
        return new KeycloakGroupUpdate(name, changed);
    }

    static String requireGroupName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group name required");
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("group name must not contain '/': " + name);
        }
        return name;
    }
}

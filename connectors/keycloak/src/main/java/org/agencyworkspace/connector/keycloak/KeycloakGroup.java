package org.agencyworkspace.connector.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One group of the realm.
 *
 * @param id Keycloak's id of the group (a UUID), used by membership calls
 * @param name the group's name
 * @param path its place in the group tree, {@code /name} for a top-level group
 * @param attributes the group's attributes, each with its values
 */
public record KeycloakGroup(String id, String name, String path,
        Map<String, List<String>> attributes) {

    public KeycloakGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        attributes = Attributes.copyOf(attributes);
    }
}

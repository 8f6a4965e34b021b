package org.agencyworkspace.connector.keycloak;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Immutable copies of Keycloak's multi-valued attribute maps, keeping their order. */
final class Attributes {

    private Attributes() {
    }

    static Map<String, List<String>> copyOf(Map<String, List<String>> attributes) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "name"),
                List.copyOf(Objects.requireNonNull(values, () -> "values of " + name))));
        return Collections.unmodifiableMap(copy);
    }

    /** {@code current} with each attribute of {@code changes} replaced; an empty list removes. */
    static Map<String, List<String>> merge(Map<String, List<String>> current,
            Map<String, List<String>> changes) {
        Map<String, List<String>> merged = new LinkedHashMap<>(current);
        changes.forEach((name, values) -> {
            if (values.isEmpty()) {
                merged.remove(name);
            } else {
                merged.put(name, values);
            }
        });
        return merged;
    }

    /**
     * The names in {@code wanted} whose values {@code stored} does not hold: an empty list must
     * be absent from {@code stored}, any other must have the same values, order and repeats aside.
     */
    static List<String> notMatching(Map<String, List<String>> stored,
            Map<String, List<String>> wanted) {
        return wanted.entrySet().stream()
                .filter(attribute -> !Set.copyOf(stored.getOrDefault(attribute.getKey(), List.of()))
                        .equals(Set.copyOf(attribute.getValue())))
                .map(Map.Entry::getKey)
                .toList();
    }
}

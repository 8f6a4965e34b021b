package org.agencyworkspace.connector.syncope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Changes to one user, sent as a {@code UserUR} patch: only what is named here changes. Build it
 * with {@link #builder(String)}.
 *
 * <p>In the attribute maps an empty list means "delete the attribute" ({@code DELETE}); any other
 * list replaces all of its values ({@code ADD_REPLACE}).
 *
 * @param key the user's key; a username works too, but a retried update that renames the user
 *     must use the key
 * @param ifMatch an {@code ETag} from {@link SyncopeUser#etag()}: Syncope refuses the update
 *     (HTTP 412) when the user changed since; null to update whatever the user looks like now
 * @param newUsername the new username; null to keep it
 * @param profileChanges agency attributes to replace or delete
 * @param attributeChanges further plain attributes to replace or delete, by schema name
 * @param joinGroups groups to join, each by key or name
 * @param leaveGroups groups to leave, each by key or name
 * @param addRoles roles to assign
 * @param removeRoles roles to take away
 */
public record UserUpdate(String key, String ifMatch, String newUsername,
        Map<AgencyAttribute, List<String>> profileChanges,
        Map<String, List<String>> attributeChanges, List<String> joinGroups,
        List<String> leaveGroups, Set<String> addRoles, Set<String> removeRoles) {

    public UserUpdate {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key required");
        }
        if (newUsername != null && newUsername.isBlank()) {
            throw new IllegalArgumentException(
                    "newUsername must not be blank; use null to keep it");
        }
        profileChanges = Collections.unmodifiableMap(copyProfile(profileChanges));
        attributeChanges = Collections.unmodifiableMap(copyAttributes(attributeChanges));
        joinGroups = joinGroups == null ? List.of() : List.copyOf(joinGroups);
        leaveGroups = leaveGroups == null ? List.of() : List.copyOf(leaveGroups);
        addRoles = addRoles == null ? Set.of() : Set.copyOf(addRoles);
        removeRoles = removeRoles == null ? Set.of() : Set.copyOf(removeRoles);
        if (newUsername == null && profileChanges.isEmpty() && attributeChanges.isEmpty()
                && joinGroups.isEmpty() && leaveGroups.isEmpty() && addRoles.isEmpty()
                && removeRoles.isEmpty()) {
            throw new IllegalArgumentException("nothing to update for " + key);
        }
    }

    /** Starts an update of the user with this key. */
    public static Builder builder(String key) {
        return new Builder(key);
    }

    private static Map<AgencyAttribute, List<String>> copyProfile(
            Map<AgencyAttribute, List<String>> changes) {
        Map<AgencyAttribute, List<String>> copy = new EnumMap<>(AgencyAttribute.class);
        if (changes != null) {
            changes.forEach((attribute, values) -> {
                if (!attribute.multiValued() && values.size() > 1) {
                    throw new IllegalArgumentException(attribute + " takes one value: " + values);
                }
                copy.put(attribute, List.copyOf(values));
            });
        }
        return copy;
    }

    private static Map<String, List<String>> copyAttributes(Map<String, List<String>> changes) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (changes != null) {
            changes.forEach((schema, values) -> copy.put(Objects.requireNonNull(schema, "schema"),
                    List.copyOf(values)));
        }
        return copy;
    }

    /** Builds a {@link UserUpdate}. */
    public static final class Builder {
        private final String key;
        private String ifMatch;
        private String newUsername;
        private final Map<AgencyAttribute, List<String>> profileChanges =
                new EnumMap<>(AgencyAttribute.class);
        private final Map<String, List<String>> attributeChanges = new LinkedHashMap<>();
        private final List<String> joinGroups = new ArrayList<>();
        private final List<String> leaveGroups = new ArrayList<>();
        private final Set<String> addRoles = new LinkedHashSet<>();
        private final Set<String> removeRoles = new LinkedHashSet<>();

        private Builder(String key) {
            this.key = key;
        }

        /** Only if the user still has this {@code ETag}. */
        public Builder ifMatch(String etag) {
            this.ifMatch = etag;
            return this;
        }

        public Builder rename(String username) {
            this.newUsername = username;
            return this;
        }

        /** Replaces all values of an agency attribute. */
        public Builder replace(AgencyAttribute attribute, String... values) {
            profileChanges.put(attribute, requireValues(attribute.name(), values));
            return this;
        }

        /** Deletes an agency attribute. */
        public Builder delete(AgencyAttribute attribute) {
            profileChanges.put(attribute, List.of());
            return this;
        }

        /** Replaces all values of a further plain attribute. */
        public Builder replace(String schema, String... values) {
            attributeChanges.put(schema, requireValues(schema, values));
            return this;
        }

        /** Deletes a further plain attribute. */
        public Builder delete(String schema) {
            attributeChanges.put(schema, List.of());
            return this;
        }

        /** Joins a group, by key or name. */
        public Builder joinGroup(String keyOrName) {
            joinGroups.add(Objects.requireNonNull(keyOrName, "group"));
            return this;
        }

        /** Leaves a group, by key or name. */
        public Builder leaveGroup(String keyOrName) {
            leaveGroups.add(Objects.requireNonNull(keyOrName, "group"));
            return this;
        }

        public Builder addRole(String role) {
            addRoles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        public Builder removeRole(String role) {
            removeRoles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        public UserUpdate build() {
            return new UserUpdate(key, ifMatch, newUsername, profileChanges, attributeChanges,
                    joinGroups, leaveGroups, addRoles, removeRoles);
        }

        private static List<String> requireValues(String name, String[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException(
                        "no values to replace " + name + " with; use delete()");
            }
            return List.of(values);
        }
    }
}

package org.agencyworkspace.connector.syncope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A user to create ({@code UserCR}). Build it with {@link #builder(String, String)}.
 *
 * @param realm full realm path the user goes into, e.g. {@code /agency/hr}
 * @param username the username
 * @param password initial password; null to create the user without one (Syncope's password
 *     policy may refuse that). Never shown by {@link #toString()}
 * @param profile agency attributes, written under the connector's schema names
 * @param attributes further plain attributes, schema name to values; must not repeat a schema
 *     the profile writes
 * @param groups groups to join, each by key or name (a value that looks like a UUID is a key)
 * @param roles roles to assign
 */
public record NewUser(String realm, String username, String password, AgencyProfile profile,
        Map<String, List<String>> attributes, List<String> groups, Set<String> roles) {

    public NewUser {
        if (realm == null || !realm.startsWith("/")) {
            throw new IllegalArgumentException(
                    "realm must be a full realm path such as /: " + realm);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username required");
        }
        profile = profile == null ? AgencyProfile.EMPTY : profile;
        attributes = attributes == null ? Map.of() : copyValues(attributes);
        groups = groups == null ? List.of() : List.copyOf(groups);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public static Builder builder(String realm, String username) {
        return new Builder(realm, username);
    }

    @Override
    public String toString() {
        return "NewUser[realm=" + realm + ", username=" + username + ", password="
                + (password == null ? "none" : "****") + ", profile=" + profile + ", attributes="
                + attributes + ", groups=" + groups + ", roles=" + roles + "]";
    }

    private static Map<String, List<String>> copyValues(Map<String, List<String>> attributes) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((schema, values) -> copy.put(Objects.requireNonNull(schema, "schema"),
                List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a {@link NewUser}. */
    public static final class Builder {
        private final String realm;
        private final String username;
        private String password;
        private AgencyProfile profile = AgencyProfile.EMPTY;
        private final Map<String, List<String>> attributes = new LinkedHashMap<>();
        private final List<String> groups = new ArrayList<>();
        private final Set<String> roles = new LinkedHashSet<>();

        private Builder(String realm, String username) {
            this.realm = realm;
            this.username = username;
        }

        public Builder password(String initialPassword) {
            this.password = initialPassword;
            return this;
        }

        public Builder profile(AgencyProfile agencyProfile) {
            this.profile = agencyProfile;
            return this;
        }

        /** Sets a further plain attribute. */
        public Builder attribute(String schema, String... values) {
            attributes.put(schema, List.of(values));
            return this;
        }

        /** Joins a group, by key or name. */
        public Builder group(String keyOrName) {
            groups.add(Objects.requireNonNull(keyOrName, "group"));
            return this;
        }

        public Builder role(String role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        public NewUser build() {
            return new NewUser(realm, username, password, profile, attributes, groups, roles);
        }
    }
}

package org.agencyworkspace.connector.syncope;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as Syncope returns it ({@code UserTO}), with the agency attributes already read out.
 *
 * @param key Syncope's key (UUID); stable across renames
 * @param username the username
 * @param realm full realm path, e.g. {@code /agency/hr}
 * @param status workflow status, e.g. {@code active}, {@code suspended}, {@code created}
 * @param suspended whether the user is suspended and may not log in
 * @param creationDate when the user was created; null when Syncope did not say
 * @param lastChangeDate when the user last changed; null when Syncope did not say
 * @param attributes every plain attribute, schema name to values (agency ones included)
 * @param profile the agency attributes, read under the connector's schema names
 * @param memberships assigned and dynamic group memberships (empty when searched without
 *     details)
 * @param roles roles assigned to the user directly
 * @param resources external resources the user is provisioned to
 * @param etag the {@code ETag} Syncope sent with this user, for {@link UserUpdate#ifMatch()};
 *     null when the answer had none (search results)
 */
public record SyncopeUser(String key, String username, String realm, String status,
        boolean suspended, Instant creationDate, Instant lastChangeDate,
        Map<String, List<String>> attributes, AgencyProfile profile,
        List<SyncopeMembership> memberships, List<String> roles, List<String> resources,
        String etag) {

    public SyncopeUser {
        attributes = Map.copyOf(attributes);
        memberships = List.copyOf(memberships);
        roles = List.copyOf(roles);
        resources = List.copyOf(resources);
    }
}

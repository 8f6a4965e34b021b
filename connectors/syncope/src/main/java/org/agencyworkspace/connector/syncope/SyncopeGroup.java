package org.agencyworkspace.connector.syncope;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A group as Syncope returns it ({@code GroupTO}).
 *
 * @param key Syncope's key (UUID)
 * @param name the group name, unique in the domain
 * @param realm full realm path
 * @param lastChangeDate when the group last changed; null when Syncope did not say
 * @param attributes every plain attribute, schema name to values
 */
public record SyncopeGroup(String key, String name, String realm, Instant lastChangeDate,
        Map<String, List<String>> attributes) {

    public SyncopeGroup {
        attributes = Map.copyOf(attributes);
    }
}

package org.agencyworkspace.connector.syncope;

import java.util.List;
import java.util.Set;

/**
 * A status change ({@code StatusR}) for {@code POST /users/{key}/status}. Always applied in
 * Syncope itself ({@code onSyncope=true}); {@link #alsoOn} names external resources the new status
 * is propagated to as well (Syncope propagates a status change only to the resources named).
 *
 * @param userKey the user's key (a username works too)
 * @param type what to do
 * @param resources external resource keys to propagate to; empty for none
 */
public record StatusChange(String userKey, Type type, Set<String> resources) {

    /** The {@code StatusRType} values this client sends. */
    public enum Type {
        /** The user may no longer log in (status {@code suspended}). */
        SUSPEND,
        /** A suspended user may log in again (status {@code active}). */
        REACTIVATE
    }

    public StatusChange {
        if (userKey == null || userKey.isBlank()) {
            throw new IllegalArgumentException("userKey required");
        }
        if (type == null) {
            throw new IllegalArgumentException("type required");
        }
        resources = resources == null ? Set.of() : Set.copyOf(resources);
    }

    public static StatusChange suspend(String userKey) {
        return new StatusChange(userKey, Type.SUSPEND, Set.of());
    }

    public static StatusChange reactivate(String userKey) {
        return new StatusChange(userKey, Type.REACTIVATE, Set.of());
    }

    /** The same change, propagated to these external resources too. */
    public StatusChange alsoOn(String... resourceKeys) {
        return new StatusChange(userKey, type, Set.copyOf(List.of(resourceKeys)));
    }
}

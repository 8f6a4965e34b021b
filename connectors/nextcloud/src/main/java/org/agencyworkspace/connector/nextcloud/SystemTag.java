package org.agencyworkspace.connector.nextcloud;

import java.util.Objects;

/**
 * A Nextcloud system tag: instance-wide, unlike a user's personal tags, which is why labels that
 * everyone must see (a classification) belong here rather than in per-user dead properties.
 *
 * @param id {@code oc:id}, the key for assigning
 * @param name {@code oc:display-name}
 * @param userVisible {@code oc:user-visible}: whether non-admins see it
 * @param userAssignable {@code oc:user-assignable}: whether non-admins may assign it
 * @param canAssign {@code oc:can-assign}: whether the signed-in account may assign it
 */
public record SystemTag(String id, String name, boolean userVisible, boolean userAssignable,
        boolean canAssign) {

    public SystemTag {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}

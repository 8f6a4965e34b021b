package org.agencyworkspace.connector.syncope;

/**
 * A user's membership of a group.
 *
 * @param groupKey the group's key (UUID)
 * @param groupName the group's name
 * @param dynamic whether Syncope derives it from the group's membership condition
 *     ({@code dynMemberships}) rather than an assignment ({@code memberships}); a dynamic
 *     membership cannot be removed from the user's side
 */
public record SyncopeMembership(String groupKey, String groupName, boolean dynamic) {
}

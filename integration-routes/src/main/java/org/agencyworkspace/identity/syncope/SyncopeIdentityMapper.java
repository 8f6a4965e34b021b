package org.agencyworkspace.identity.syncope;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.agencyworkspace.connector.syncope.AgencyProfile;
import org.agencyworkspace.connector.syncope.SyncopeMembership;
import org.agencyworkspace.connector.syncope.SyncopeUser;
import org.agencyworkspace.identity.IdentityDraft;

/**
 * Reads a Syncope user as a workspace identity. The agency attributes give departments,
 * clearance, e-mail, phone and display names; Syncope's usual {@code firstname} and
 * {@code surname} schemas give the names; membership of a group named like a workspace role
 * gives that role. A suspended user, or one whose employment status says they left, is inactive.
 * The Syncope key becomes the external id, so a rename in Syncope renames the identity.
 */
class SyncopeIdentityMapper {

    static final String GIVEN_NAME_SCHEMA = "firstname";
    static final String FAMILY_NAME_SCHEMA = "surname";

    private final Set<String> workspaceRoles;
    private final Set<String> inactiveEmploymentStatuses;

    SyncopeIdentityMapper(List<String> workspaceRoles, List<String> inactiveEmploymentStatuses) {
        this.workspaceRoles = Set.copyOf(workspaceRoles);
        this.inactiveEmploymentStatuses = inactiveEmploymentStatuses.stream()
                .map(status -> status.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    IdentityDraft toDraft(SyncopeUser user) {
        AgencyProfile profile = user.profile();
        List<String> roles = user.memberships().stream()
                .map(SyncopeMembership::groupName)
                .filter(workspaceRoles::contains)
                .toList();
        return new IdentityDraft(user.username(), user.key(),
                first(user.attributes(), GIVEN_NAME_SCHEMA), first(user.attributes(), FAMILY_NAME_SCHEMA),
                profile.displayNameEn(), profile.displayNameZh(), profile.email(), profile.phone(),
                profile.departments(), roles, profile.clearance(), isActive(user));
    }

    private boolean isActive(SyncopeUser user) {
        String employment = user.profile().employmentStatus();
        return !user.suspended()
                && !"suspended".equalsIgnoreCase(user.status())
                && (employment == null
                        || !inactiveEmploymentStatuses.contains(employment.toLowerCase(Locale.ROOT)));
    }

    private static String first(Map<String, List<String>> attributes, String schema) {
        List<String> values = attributes.getOrDefault(schema, List.of());
        return values.isEmpty() ? null : values.get(0);
    }
}

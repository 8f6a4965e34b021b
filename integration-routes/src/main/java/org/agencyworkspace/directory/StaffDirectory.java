package org.agencyworkspace.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who works here: the staff known to the workspace, their groups and languages. Backed by the
 * local accounts on the embedded default; the identity work feeds it from Syncope or SCIM.
 */
public interface StaffDirectory {

    /** The person with this login, if known. */
    Optional<StaffMember> find(String login);

    /**
     * Logins of everyone in the group, where a group is a department code or a role name.
     *
     * @return an empty list for an unknown group
     */
    List<String> membersOf(String group);

    /** Whether a group of that name exists (a department or a role someone has). */
    boolean groupExists(String group);

    /**
     * A member of staff.
     *
     * @param login sign-in name
     * @param displayNameEn name in English
     * @param displayNameZh name in Chinese
     * @param preferredLocale language chosen by the person, if any
     * @param enabled whether the person may sign in
     * @param clearance clearance level name
     * @param departments department codes
     */
    record StaffMember(String login, String displayNameEn, String displayNameZh,
            Optional<Locale> preferredLocale, boolean enabled, String clearance,
            List<String> departments) {

        public StaffMember {
            departments = departments == null ? List.of() : List.copyOf(departments);
        }

        public String displayName(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? displayNameZh : displayNameEn;
        }
    }
}

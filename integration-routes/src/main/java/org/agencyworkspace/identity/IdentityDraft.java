package org.agencyworkspace.identity;

import java.util.List;

/**
 * What a source says about a person, before it is checked and stored.
 *
 * @param userName sign-in name in every app: 3 to 64 lower-case letters, digits, '.', '_' or '-'
 * @param externalId the source's own id of the person, if any
 * @param givenName given name
 * @param familyName family name
 * @param displayNameEn name shown in English
 * @param displayNameZh name shown in Chinese
 * @param email work e-mail, required
 * @param phone work phone, if any
 * @param departments department codes
 * @param roles workspace roles
 * @param clearance clearance level name; null means the lowest level
 * @param active whether the person may work
 */
public record IdentityDraft(String userName, String externalId, String givenName,
        String familyName, String displayNameEn, String displayNameZh, String email, String phone,
        List<String> departments, List<String> roles, String clearance, boolean active) {

    public IdentityDraft {
        departments = departments == null ? List.of()
                : departments.stream().distinct().sorted().toList();
        roles = roles == null ? List.of() : roles.stream().distinct().sorted().toList();
    }

    /** The same person with a different {@code active} flag. */
    public IdentityDraft withActive(boolean newActive) {
        return new IdentityDraft(userName, externalId, givenName, familyName, displayNameEn,
                displayNameZh, email, phone, departments, roles, clearance, newActive);
    }
}

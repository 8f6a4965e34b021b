package org.agencyworkspace.identity;

import static org.agencyworkspace.identity.IdentityRejectedException.Reason.INVALID_VALUE;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.agencyworkspace.directory.DepartmentTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What every identity must satisfy before it is stored, whatever the source. The user name rule
 * is the intersection of what Keycloak, Nextcloud and Matrix accept, so one name works in all.
 */
@Component
public class IdentityRules {

    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()#-]{3,30}");

    private final DepartmentTable departments;
    private final Set<String> roles;
    private final List<String> clearanceLevels;

    public IdentityRules(JdbcClient jdbc, IdentityProperties properties) {
        this.departments = new DepartmentTable(jdbc);
        this.roles = Set.copyOf(properties.roles());
        this.clearanceLevels = List.copyOf(properties.clearanceLevels());
    }

    /**
     * Returns the draft with defaults applied (lowest clearance, display name from the names).
     *
     * @throws IdentityRejectedException naming the field and the problem
     */
    public IdentityDraft check(IdentityDraft draft) {
        String userName = draft.userName();
        if (userName == null || userName.isBlank()) {
            throw invalid("userName is required");
        }
        if (!USER_NAME.matcher(userName).matches()) {
            throw invalid("userName '" + userName + "' must be 3 to 64 lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (draft.email() == null || draft.email().isBlank()) {
            throw invalid("email is required for " + userName);
        }
        if (!EMAIL.matcher(draft.email()).matches() || draft.email().length() > 254) {
            throw invalid("email '" + draft.email() + "' of " + userName + " is not an address");
        }
        if (draft.phone() != null && !PHONE.matcher(draft.phone()).matches()) {
            throw invalid("phone of " + userName + " is not a phone number");
        }
        for (String role : draft.roles()) {
            if (!roles.contains(role)) {
                throw invalid("unknown role '" + role + "' for " + userName + "; known roles: "
                        + String.join(", ", roles.stream().sorted().toList()));
            }
        }
        for (String department : draft.departments()) {
            if (!departmentExists(department)) {
                throw invalid("unknown department '" + department + "' for " + userName);
            }
        }
        String clearance = draft.clearance() == null || draft.clearance().isBlank()
                ? clearanceLevels.get(0) : draft.clearance().toLowerCase(Locale.ROOT);
        if (!clearanceLevels.contains(clearance)) {
            throw invalid("unknown clearance '" + draft.clearance() + "' for " + userName
                    + "; levels: " + String.join(", ", clearanceLevels));
        }
        String displayNameEn = firstText(draft.displayNameEn(),
                joined(draft.givenName(), draft.familyName()), userName);
        checkLength("displayName", displayNameEn, 200, userName);
        checkLength("displayNameZh", draft.displayNameZh(), 200, userName);
        checkLength("name.givenName", draft.givenName(), 100, userName);
        checkLength("name.familyName", draft.familyName(), 100, userName);
        checkLength("externalId", draft.externalId(), 255, userName);
        return new IdentityDraft(userName, draft.externalId(), draft.givenName(),
                draft.familyName(), displayNameEn, draft.displayNameZh(), draft.email(),
                draft.phone(), draft.departments(), draft.roles(), clearance, draft.active());
    }

    /**
     * Whether going from {@code before} to {@code after} takes access away: the person is no
     * longer active, their clearance is lower, or they lost a role.
     */
    public boolean reducesAccess(IdentityDraft before, IdentityDraft after) {
        return before.active() && !after.active()
                || lower(after.clearance(), before.clearance())
                || !after.roles().containsAll(before.roles());
    }

    /** Whether {@code level} is below {@code than}; an unknown level counts as the lowest. */
    public boolean lower(String level, String than) {
        return clearanceLevels.indexOf(level) < clearanceLevels.indexOf(than);
    }

    private boolean departmentExists(String code) {
        return departments.exists(code);
    }

    private static void checkLength(String field, String value, int max, String userName) {
        if (value != null && value.length() > max) {
            throw invalid(field + " of " + userName + " is longer than " + max + " characters");
        }
    }

    private static String joined(String given, String family) {
        String name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return name.isEmpty() ? null : name;
    }

    private static String firstText(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static IdentityRejectedException invalid(String message) {
        return new IdentityRejectedException(INVALID_VALUE, message);
    }
}

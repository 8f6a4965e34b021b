package org.agencyworkspace.security.local;

import java.time.Instant;
import java.util.List;
import org.agencyworkspace.security.WorkspaceUser;

/**
 * A local account of the embedded sign-in.
 *
 * @param login sign-in name
 * @param displayNameEn name in English
 * @param displayNameZh name in Chinese
 * @param email address, may be null
 * @param passwordHash bcrypt hash
 * @param encryptedTotpSecret the TOTP secret sealed with the workspace key, or null until enrolled
 * @param totpLastStep the last accepted TOTP time step, or null
 * @param clearance clearance level name
 * @param roles role names, lower case
 * @param departments department codes
 * @param enabled whether the account may sign in
 * @param failedAttempts failed sign-ins since the last success
 * @param lockedUntil until when sign-in is refused, or null
 */
public record LocalAccount(String login, String displayNameEn, String displayNameZh, String email,
        String passwordHash, String encryptedTotpSecret, Long totpLastStep, String clearance,
        List<String> roles, List<String> departments, boolean enabled, int failedAttempts,
        Instant lockedUntil) {

    public LocalAccount {
        roles = List.copyOf(roles);
        departments = List.copyOf(departments);
    }

    public boolean totpEnrolled() {
        return encryptedTotpSecret != null;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** The view of this account the rest of the workspace uses. */
    public WorkspaceUser toWorkspaceUser(boolean chinese) {
        return new WorkspaceUser(login, chinese ? displayNameZh : displayNameEn, roles, departments,
                clearance);
    }

    @Override
    public String toString() {
        return "LocalAccount[" + login + "]";
    }
}

package org.agencyworkspace.security;

import java.util.Locale;

/** Names of the authorities the workspace grants, in both sign-in modes. */
public final class Authorities {

    /** Granted once sign-in is complete (password and code, or single sign-on). */
    public static final String WORKSPACE_USER = "WORKSPACE_USER";
    /** Granted after the password step of a local sign-in, until the TOTP code is given. */
    public static final String MFA_PENDING = "MFA_PENDING";
    /**
     * Granted to a guest reviewer (an outside member of a review panel) and nothing else: a
     * guest is not staff and reaches only the guest paths ({@link GuestBoundaryFilter}).
     */
    public static final String REVIEW_GUEST = "REVIEW_GUEST";
    /** Role of operators: dead letters, route files, accounts. */
    public static final String ADMIN_ROLE = "ADMIN";

    private Authorities() {
    }

    /** {@code security-officer} becomes {@code ROLE_SECURITY_OFFICER}. */
    public static String roleAuthority(String role) {
        return "ROLE_" + role.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }
}

package org.agencyworkspace.reviews;

/**
 * Who acts as a member: a staff login or a guest. {@link #actor()} is what audit records and
 * events name ({@code guest:<id>} for a guest).
 *
 * @param mfa how the current request proved a fresh second factor, or null when it did not
 */
public record Reviewer(String login, String guestId, String displayName, String mfa) {

    public static Reviewer staff(String login, String displayName, String mfa) {
        return new Reviewer(login, null, displayName, mfa);
    }

    public static Reviewer guest(String guestId, String displayName, String mfa) {
        return new Reviewer(null, guestId, displayName, mfa);
    }

    public boolean isGuest() {
        return guestId != null;
    }

    public String actor() {
        return isGuest() ? "guest:" + guestId : login;
    }

    public Reviewer withMfa(String how) {
        return new Reviewer(login, guestId, displayName, how);
    }
}

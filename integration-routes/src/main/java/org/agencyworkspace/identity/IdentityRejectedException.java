package org.agencyworkspace.identity;

/**
 * A source sent something the workspace will not store. Nothing was changed. It is an
 * {@link IllegalArgumentException} so the routes' error handling treats it as permanent: sending
 * the same record again cannot succeed, it goes straight to the dead-letter store.
 */
public class IdentityRejectedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why, in the terms SCIM clients understand. */
    public enum Reason { INVALID_VALUE, UNIQUENESS, NOT_FOUND, VERSION_MISMATCH }

    private final Reason reason;

    public IdentityRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

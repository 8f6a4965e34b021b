package org.agencyworkspace.identity;

/**
 * A source sent something the workspace will not store. Nothing was changed.
 */
public class IdentityRejectedException extends RuntimeException {

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

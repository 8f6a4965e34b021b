package org.agencyworkspace.files.store;

/** A conditional write found the file at another version than the one expected. */
public class VersionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VersionConflictException(String message) {
        super(message);
    }
}

package org.agencyworkspace.files.store;

/** The store has no sharing (the embedded local folder, a plain WebDAV server). */
public class SharingUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SharingUnavailableException(String message) {
        super(message);
    }
}

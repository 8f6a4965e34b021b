package org.agencyworkspace.connector.office;

/** A token was missing, forged, tampered with, expired, or meant for something else. */
public class InvalidTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }
}

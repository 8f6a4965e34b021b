package org.agencyworkspace.files.delivery;

/** A file was not delivered, and why; nothing of it was sent. */
public class DeliveryRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, in terms the web layer maps to a status. */
    public enum Reason {
        /** No such file (404). */
        NOT_FOUND(404),
        /** A folder, not a file (400). */
        NOT_A_FILE(400),
        /** A file, where a folder was asked for (400). */
        NOT_A_FOLDER(400),
        /** A folder with no files to export (422). */
        EMPTY_FOLDER(422),
        /** A folder with more files than one bundle may hold (422). */
        TOO_MANY_FILES(422),
        /** The policy refuses this person or this kind of copy (403). */
        DENIED(403),
        /** The file cannot be marked: corrupt, password-protected, unconvertible (422). */
        CANNOT_MARK(422),
        /** The store or the marking engine failed (503). */
        UNAVAILABLE(503);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status the web layer answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public DeliveryRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package org.agencyworkspace.files.editing;

/** A file could not be opened in an editor; {@code status} is the HTTP status to answer with. */
public class EditingRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public EditingRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

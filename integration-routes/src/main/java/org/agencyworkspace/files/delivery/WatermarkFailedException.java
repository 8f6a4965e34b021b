package org.agencyworkspace.files.delivery;

/**
 * A file could not be marked, so it is not served.
 */
public class WatermarkFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fileAtFault;

    /**
     * @param fileAtFault true when the file itself is the problem (corrupt, password-protected,
     *     a type that cannot be converted), false when the engine failed
     */
    public WatermarkFailedException(String message, boolean fileAtFault, Throwable cause) {
        super(message, cause);
        this.fileAtFault = fileAtFault;
    }

    public boolean fileAtFault() {
        return fileAtFault;
    }
}

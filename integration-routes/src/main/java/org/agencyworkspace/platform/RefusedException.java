package org.agencyworkspace.platform;

/**
 * The workspace refused a request on its rules (classification, permissions, a missing object):
 * asking again gives the same answer, so routes dead-letter it at once instead of retrying. The
 * refusal itself is audited where it was decided.
 */
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.agencyworkspace.files.labels;

/** The person may not make this label change; nothing was changed. */
public class LabelAccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabelAccessDeniedException(String message) {
        super(message);
    }
}

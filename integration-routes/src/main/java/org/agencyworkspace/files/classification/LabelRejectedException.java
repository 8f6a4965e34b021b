package org.agencyworkspace.files.classification;

/**
 * A label, or a file at its level, that the workspace will not accept: an unknown level, a level
 * refused at upload, a missing reason or declassification, a period beyond the level's maximum.
 * Nothing was changed. An {@link IllegalArgumentException} so routes treat it as permanent.
 */
public class LabelRejectedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public LabelRejectedException(String message) {
        super(message);
    }
}

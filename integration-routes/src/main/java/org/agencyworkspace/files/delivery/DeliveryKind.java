package org.agencyworkspace.files.delivery;

import org.agencyworkspace.files.classification.FileAction;

/** How a file leaves the workspace; each kind of a labelled file is a marked, registered copy. */
public enum DeliveryKind {
    /** Saved by the person: needs the level to allow downloads. */
    DOWNLOAD(FileAction.DOWNLOAD),
    /** Shown in the browser. */
    PREVIEW(FileAction.READ),
    /** A picture of the first page, drawn from a marked copy. */
    THUMBNAIL(FileAction.READ),
    /** A folder exported as one marked PDF: every file in it needs to allow downloads. */
    BUNDLE(FileAction.DOWNLOAD);

    private final FileAction action;

    DeliveryKind(FileAction action) {
        this.action = action;
    }

    /** What the access policy is asked. */
    public FileAction action() {
        return action;
    }
}

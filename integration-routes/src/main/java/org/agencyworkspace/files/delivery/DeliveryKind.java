package org.agencyworkspace.files.delivery;

import org.agencyworkspace.files.classification.FileAction;

/** How a file leaves the workspace; each kind of a labelled file is a marked, registered copy. */
public enum DeliveryKind {
    /** Saved by the person: needs the level to allow downloads. */
    DOWNLOAD(FileAction.DOWNLOAD),
    /** Shown in the browser. */
    PREVIEW(FileAction.READ);

    private final FileAction action;

    DeliveryKind(FileAction action) {
        this.action = action;
    }

    /** What the access policy is asked. */
    public FileAction action() {
        return action;
    }
}

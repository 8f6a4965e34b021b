package org.agencyworkspace.files.manage;

import org.agencyworkspace.platform.RefusedException;

/**
 * A file action (new folder, rename, move, copy, delete, restore, where an upload lands, a
 * version) the workspace refused; nothing was changed, and the refusal was audited where it was
 * decided.
 */
public class FileRefusedException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public FileRefusedException(Kind kind, String problem) {
        super(kind, "File action refused", problem);
        markAudited();
    }
}

package org.agencyworkspace.push;

import org.agencyworkspace.platform.RefusedException;

/** A subscription or setting the workspace does not take; audited where it is decided. */
public class PushRefusedException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public PushRefusedException(Kind kind, String problem) {
        super(kind, "Push notifications refused", problem);
    }
}

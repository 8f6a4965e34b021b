package org.agencyworkspace.meetings;

import java.util.List;
import org.agencyworkspace.platform.RefusedException;

/** A refused step after a meeting (its action items, its attendance): one line per problem. */
public class MeetingRefusedException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public MeetingRefusedException(Kind kind, String problem) {
        super(kind, "Meeting refused", problem);
    }

    public MeetingRefusedException(Kind kind, List<String> problems) {
        super(kind, "Meeting refused", problems);
    }
}

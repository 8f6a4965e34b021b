package org.agencyworkspace.reviews;

import java.util.List;
import org.agencyworkspace.platform.RefusedException;

/**
 * A refused review action: the kind of refusal (it becomes the HTTP status) and one line per
 * problem. Thrown before anything is written; the service has audited it.
 */
public class ReviewException extends RefusedException {

    /** Why it was refused. */
    public enum Reason {
        /** Bad input: 422. */
        INVALID(Kind.INVALID),
        /** No such review, or not one the person may see: 404. */
        NOT_FOUND(Kind.NOT_FOUND),
        /** The person may see but not do this: 403. */
        FORBIDDEN(Kind.FORBIDDEN),
        /** Not in this state (submitted, closed, scores not open): 409. */
        CONFLICT(Kind.CONFLICT),
        /** A link or code that is used up, expired or wrong: 410 for links, 401 for codes. */
        GONE(Kind.GONE);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }
    }

    private final Reason reason;

    public ReviewException(Reason reason, String message) {
        this(reason, List.of(message));
    }

    public ReviewException(Reason reason, List<String> problems) {
        super(reason.kind, "Review action refused", problems);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

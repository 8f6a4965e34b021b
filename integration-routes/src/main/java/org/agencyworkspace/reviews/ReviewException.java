package org.agencyworkspace.reviews;

import java.util.List;

/**
 * A refused review action: the kind of refusal (it becomes the HTTP status) and one line per
 * problem. Thrown before anything is written; the service has audited it.
 */
public class ReviewException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason {
        /** Bad input: 422. */
        INVALID,
        /** No such review, or not one the person may see: 404. */
        NOT_FOUND,
        /** The person may see but not do this: 403. */
        FORBIDDEN,
        /** Not in this state (submitted, closed, scores not open): 409. */
        CONFLICT,
        /** A link or code that is used up, expired or wrong: 410 for links, 401 for codes. */
        GONE
    }

    private final Reason reason;
    private final List<String> problems;

    public ReviewException(Reason reason, String message) {
        this(reason, List.of(message));
    }

    public ReviewException(Reason reason, List<String> problems) {
        super(String.join("; ", problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }
}

package org.agencyworkspace.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.platform.audit.AuditEvent;

/**
 * The workspace refused a request on its rules (classification, permissions, a missing object,
 * a state that does not allow it): asking again gives the same answer, so routes dead-letter it
 * at once instead of retrying, and the web layer answers it as one RFC 9457 problem
 * ({@code web.ApiProblems}). The refusal itself is audited where it was decided.
 *
 * <p>Each workflow's refusals extend this class; the {@link Kind} becomes the HTTP status, the
 * problems are one line each the person can act on.
 */
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of refusal, and the HTTP status it answers. */
    public enum Kind {
        /** Malformed input: 400. */
        BAD_REQUEST(400),
        /** Input understood but not acceptable: 422. */
        INVALID(422),
        /** Not signed in well enough (a wrong code, a missing step-up): 401. */
        UNAUTHENTICATED(401),
        /** Seen but not allowed: 403. */
        FORBIDDEN(403),
        /** No such thing, or not one the person may see: 404. */
        NOT_FOUND(404),
        /** Not in this state, or taken meanwhile: 409. */
        CONFLICT(409),
        /** A link or code used up or expired: 410. */
        GONE(410),
        /** A version precondition failed: 412. */
        PRECONDITION_FAILED(412);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;
    private final String title;
    private final List<String> problems;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private volatile boolean audited;

    /** A refusal inside a route: never shown to a person, dead-lettered as it is. */
    public RefusedException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.FORBIDDEN;
        this.title = "Refused";
        this.problems = List.of(String.valueOf(message));
    }

    public RefusedException(Kind kind, String title, String problem) {
        this(kind, title, List.of(problem));
    }

    public RefusedException(Kind kind, String title, List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal names at least one problem");
        }
        this.kind = kind;
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    public Kind kind() {
        return kind;
    }

    /** A short summary for the problem's title, e.g. "Expense claim refused". */
    public String title() {
        return title;
    }

    /** One line per problem, each naming the field or item it is about. */
    public List<String> problems() {
        return problems;
    }

    /** Extra members of the problem document (e.g. the duplicates found), in insertion order. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Whether the refusal's audit record was written, by whoever decided it or answered it. */
    public boolean audited() {
        return audited;
    }

    public void markAudited() {
        audited = true;
    }

    /**
     * The audit record of this refusal for whoever answers it when nobody recorded it where it was
     * decided (a check at the edge, a bad field), as {@code login} asked; null when there is
     * nothing to add, the default: refusals are audited where they are decided.
     */
    public AuditEvent.Builder unrecorded(String login) {
        return null;
    }

    /** Adds a member to the problem document; for subclasses building their refusal. */
    protected final RefusedException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }
}

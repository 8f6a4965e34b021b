package org.agencyworkspace.expenses;

import java.util.List;
import org.agencyworkspace.platform.RefusedException;

/**
 * A refused expense action: what kind of refusal (it becomes the HTTP status) and one line per
 * problem, each naming the item or field it is about.
 */
public class ExpenseException extends RefusedException {

    /** Why it was refused. */
    public enum Reason {
        /** Bad input: 422. */
        INVALID(Kind.INVALID),
        /** No such claim, or not one the person may read: 404. */
        NOT_FOUND(Kind.NOT_FOUND),
        /** The person may read but not do this: 403. */
        FORBIDDEN(Kind.FORBIDDEN),
        /** Not in this state (locked after payment, already submitted) or a duplicate: 409. */
        CONFLICT(Kind.CONFLICT);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }
    }

    private final Reason reason;
    private final List<DuplicateHit> duplicates;

    public ExpenseException(Reason reason, String message) {
        this(reason, message, List.of(message), List.of());
    }

    public ExpenseException(Reason reason, String message, List<String> problems,
            List<DuplicateHit> duplicates) {
        super(reason.kind, "Expense claim refused", problems);
        this.reason = reason;
        this.duplicates = List.copyOf(duplicates);
        if (!duplicates.isEmpty()) {
            with("duplicates", this.duplicates);
        }
    }

    public static ExpenseException invalid(List<String> problems) {
        return new ExpenseException(Reason.INVALID, String.join("; ", problems), problems, List.of());
    }

    public Reason reason() {
        return reason;
    }

    public List<DuplicateHit> duplicates() {
        return duplicates;
    }
}

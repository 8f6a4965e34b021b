package org.agencyworkspace.expenses;

import java.util.List;

/**
 * A refused expense action: what kind of refusal (it becomes the HTTP status) and one line per
 * problem, each naming the item or field it is about.
 */
public class ExpenseException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason {
        /** Bad input: 422. */
        INVALID,
        /** No such claim, or not one the person may read: 404. */
        NOT_FOUND,
        /** The person may read but not do this: 403. */
        FORBIDDEN,
        /** Not in this state (locked after payment, already submitted) or a duplicate: 409. */
        CONFLICT
    }

    private final Reason reason;
    private final List<String> problems;
    private final List<DuplicateHit> duplicates;

    public ExpenseException(Reason reason, String message) {
        this(reason, message, List.of(message), List.of());
    }

    public ExpenseException(Reason reason, String message, List<String> problems,
            List<DuplicateHit> duplicates) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
        this.duplicates = List.copyOf(duplicates);
    }

    public static ExpenseException invalid(List<String> problems) {
        return new ExpenseException(Reason.INVALID, String.join("; ", problems), problems, List.of());
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }

    public List<DuplicateHit> duplicates() {
        return duplicates;
    }
}

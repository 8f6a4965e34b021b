package org.agencyworkspace.attendance;

import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.springframework.http.HttpStatus;

/**
 * An attendance action refused for a reason the person can act on; nothing was written but the
 * audit record of the refusal.
 */
public class AttendanceRefusedException extends RefusedException {

    /** Why, with the HTTP status it answers; the key names the message shown to people. */
    public enum Reason {
        ALREADY_CLOCKED_IN(HttpStatus.CONFLICT),
        ALREADY_CLOCKED_OUT(HttpStatus.CONFLICT),
        NOT_CLOCKED_IN(HttpStatus.CONFLICT),
        NOT_PERMITTED(HttpStatus.FORBIDDEN),
        ACCOUNT_DISABLED(HttpStatus.FORBIDDEN),
        STEP_UP_REQUIRED(HttpStatus.FORBIDDEN),
        FUTURE_DATE(HttpStatus.BAD_REQUEST),
        MONTH_LOCKED(HttpStatus.CONFLICT),
        LEAVE_OVERLAP(HttpStatus.CONFLICT),
        ALREADY_REQUESTED(HttpStatus.CONFLICT),
        NO_APPROVER(HttpStatus.CONFLICT),
        INVALID(HttpStatus.BAD_REQUEST);

        private final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }

        /** The message key, e.g. {@code attendance.refused.ALREADY_CLOCKED_IN}. */
        public String messageKey() {
            return "attendance.refused." + name();
        }
    }

    private final Reason reason;

    public AttendanceRefusedException(Reason reason, String detail) {
        super(kindOf(reason.status()), "Attendance: " + reason.name(), detail);
        this.reason = reason;
        with("reason", reason.name());
    }

    private static Kind kindOf(HttpStatus status) {
        return switch (status) {
            case CONFLICT -> Kind.CONFLICT;
            case FORBIDDEN -> Kind.FORBIDDEN;
            default -> Kind.BAD_REQUEST;
        };
    }

    /** Recorded as {@code attendance.refused}, the action the attendance detection rules read. */
    @Override
    public AuditEvent.Builder unrecorded(String login) {
        return record("attendance.refused", login);
    }

    /** The audit record of this refusal as {@code action} by {@code login}: why, with the reason. */
    public AuditEvent.Builder record(String action, String login) {
        return AuditEvent.of(action, "attendance").actor(login, login).target("attendance", login)
                .failure(reason.name() + ": " + getMessage());
    }

    public Reason reason() {
        return reason;
    }
}

package org.agencyworkspace.attendance;

import org.springframework.http.HttpStatus;

/**
 * An attendance action refused for a reason the person can act on; nothing was written but the
 * audit record of the refusal.
 */
public class AttendanceRefusedException extends RuntimeException {

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
    private volatile boolean audited;

    public AttendanceRefusedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the refusal's audit record was written (by whoever refused). */
    public boolean audited() {
        return audited;
    }

    void markAudited() {
        audited = true;
    }
}

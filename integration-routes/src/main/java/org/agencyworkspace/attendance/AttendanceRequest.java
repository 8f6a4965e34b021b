package org.agencyworkspace.attendance;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A correction (補登), overtime (加班) or leave (請假) request and, once the approver decided in
 * the approvals registry, its outcome.
 *
 * @param id its id
 * @param login who asked
 * @param kind what is asked
 * @param workDate the (first) date it concerns
 * @param clockKind for a correction, the clock event it supplies; else null
 * @param startsAt the corrected time, or the start of the overtime or leave
 * @param endsAt the end of the overtime or leave; null for a correction
 * @param leaveType for leave, the configured type key; else null
 * @param reason why, as the person wrote it
 * @param approvalId the approval in the registry
 * @param status pending, approved or rejected
 * @param decidedBy who decided, once decided
 * @param createdAt when it was asked
 */
public record AttendanceRequest(String id, String login, Kind kind, LocalDate workDate,
        ClockRecord.ClockKind clockKind, Instant startsAt, Instant endsAt, String leaveType,
        String reason, String approvalId, Status status, String decidedBy, Instant createdAt) {

    public enum Kind { CORRECTION, OVERTIME, LEAVE }

    public enum Status { PENDING, APPROVED, REJECTED }
}

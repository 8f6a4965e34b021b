package org.agencyworkspace.approvals;

import java.time.Instant;

/**
 * Something waiting for (or given) a decision by a holder of {@link #approverRole()}.
 *
 * @param id short id people type in chat, e.g. {@code A7K2Q9}
 * @param kind what sort of request, e.g. {@code expense-claim}; workflows choose
 * @param subject one-line title; never classified content
 * @param link where the request is opened in the workspace, where policy applies
 * @param requester login of who asked
 * @param approverRole role that may decide
 * @param status PENDING, APPROVED or REJECTED
 * @param decidedBy login of who decided
 * @param decidedAt when
 * @param reason the reason given with a rejection (or an approval)
 * @param createdAt when it was asked
 * @param scope who among the role's holders may decide
 */
public record Approval(String id, String kind, String subject, String link, String requester,
        String approverRole, Status status, String decidedBy, Instant decidedAt, String reason,
        Instant createdAt, Scope scope) {

    public enum Status { PENDING, APPROVED, REJECTED }

    /** Who among the holders of {@link #approverRole()} may decide. */
    public enum Scope {
        /** Any holder: accounting, security officers, the agency's administrators. */
        AGENCY,
        /** A holder who shares a department with the requester: their supervisor. */
        REQUESTER_DEPARTMENTS
    }
}

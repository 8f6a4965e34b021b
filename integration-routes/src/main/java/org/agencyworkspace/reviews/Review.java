package org.agencyworkspace.reviews;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A review as its officer sees it: everything but the members' scores, which nobody reads
 * before the officer opens them ({@link Reviews#result}).
 *
 * @param materials the proposal in Files of each candidate that has one
 * @param approvalId the approvals registry's request for the decision, once recorded
 * @param recordSha256 SHA-256 of the record (評選紀錄) members confirm, once decided
 * @param members the panel as it stands: members replaced after a recusal are not in it
 * @param recusals members who left the panel and who replaced them
 */
public record Review(String id, String caseNumber, String subject, ScoringMethod method,
        BigDecimal passMark, String level, String officer, Instant meetingAt, Instant closesAt,
        Status status, boolean allowDownload, List<Scoring.Candidate> candidates,
        Map<Integer, String> materials, List<Scoring.Criterion> criteria, List<Member> members,
        String decision, Integer decisionWinner, String approvalId, String recordSha256,
        List<Recusal> recusals) {

    /**
     * A member who left the panel (利益迴避 for the whole review, or any other reason).
     *
     * @param code their code while they sat
     * @param substituteCode the code of who replaced them
     */
    public record Recusal(String code, String displayName, Instant at, String reason, String substituteCode) {
    }

    /** Where a review stands. */
    public enum Status {
        /** Being set up; members not told yet. */
        DRAFT,
        /** Members invited: declaring, reading, checking in, scoring. */
        OPEN,
        /** The officer opened the sheets: the result is computed; no sheet changes. */
        SCORES_OPENED,
        /** The committee's decision is recorded; members confirm the record. */
        DECIDED,
        /** Over: guests lose access, materials are no longer served. */
        CLOSED
    }

    /**
     * A member.
     *
     * @param code how other members and the summary sheet name them (委員 A, B, ...)
     * @param external an outside expert (外聘委員), signed in as a guest
     * @param login the staff login of an internal member
     * @param guestId the guest identity of an external member
     * @param checkInMode ON_SITE or REMOTE
     * @param confirmedSha256 the record hash they confirmed with a fresh MFA step
     */
    public record Member(int id, String code, boolean external, String login, String guestId,
            String displayName, Instant declaredAt, Instant checkedInAt, String checkInMode,
            Instant submittedAt, String confirmedSha256, Instant confirmedAt) {
    }

    public Scoring.Panel panel() {
        return new Scoring.Panel(method, criteria, candidates, passMark);
    }

    public boolean live() {
        return status == Status.OPEN || status == Status.SCORES_OPENED || status == Status.DECIDED;
    }

    public long externalMembers() {
        return members.stream().filter(Member::external).count();
    }
}

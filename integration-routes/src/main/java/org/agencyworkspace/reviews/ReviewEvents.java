package org.agencyworkspace.reviews;

import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/**
 * External review panels' domain events. Members are named by their code (委員 A), never by
 * name or address: who sits on a committee is confidential before the meeting.
 */
public final class ReviewEvents {

    private ReviewEvents() {
    }

    @EventType(name = "review.created", summary = "An officer set up a review (not yet open).")
    public record Created(
            @EventField("review id") String reviewId,
            @EventField("case number (案號)") String caseNumber,
            @EventField("TOTAL_SCORE, RANK_ORDER or CONVERTED_RANK") String method,
            @EventField("login of the officer") String officer,
            @EventField("members") int members,
            @EventField("external members") int external)
            implements DomainEvent {
    }

    @EventType(name = "review.opened", summary = "A review was opened: members are invited (guests"
            + " by e-mail, staff by chat).")
    public record Opened(
            @EventField("review id") String reviewId,
            @EventField("login of the officer") String officer)
            implements DomainEvent {
    }

    @EventType(name = "review.invitation-mailed", summary = "An invitation or sign-in code reached"
            + " the mail server for a guest.")
    public record GuestMailed(
            @EventField("review id (empty for a sign-in code)") String reviewId,
            @EventField("INVITATION or CODE") String kind,
            @EventField("guest id") String guestId,
            @EventField("attempts it took") int attempts)
            implements DomainEvent {
    }

    @EventType(name = "review.invitation-failed", summary = "Mail to a guest was given up after"
            + " the last attempt (it is in the dead-letter store).")
    public record GuestMailFailed(
            @EventField("review id (empty for a sign-in code)") String reviewId,
            @EventField("INVITATION or CODE") String kind,
            @EventField("guest id") String guestId,
            @EventField("the last error") String error)
            implements DomainEvent {
    }

    @EventType(name = "review.declared", summary = "A member declared conflicts of interest"
            + " (利益迴避) for every candidate, with a fresh MFA step.")
    public record Declared(
            @EventField("review id") String reviewId,
            @EventField("member code") String member,
            @EventField("candidates the member is removed from") int conflicts)
            implements DomainEvent {
    }

    @EventType(name = "review.checked-in", summary = "A member checked in (簽到) for the meeting.")
    public record CheckedIn(
            @EventField("review id") String reviewId,
            @EventField("member code") String member,
            @EventField("ON_SITE or REMOTE") String mode)
            implements DomainEvent {
    }

    @EventType(name = "review.sheet-submitted", summary = "A member submitted their sheet; it can"
            + " no longer change.")
    public record SheetSubmitted(
            @EventField("review id") String reviewId,
            @EventField("member code") String member)
            implements DomainEvent {
    }

    @EventType(name = "review.scores-opened", summary = "The officer opened the sheets and the"
            + " result was computed.")
    public record ScoresOpened(
            @EventField("review id") String reviewId,
            @EventField(value = "candidate id in first place alone", optional = true) Integer winner,
            @EventField("step that separated first from second place (SCORE, RANK,"
                    + " HIGHEST_WEIGHTED_CRITERION, FIRST_PLACES, LOTS)") String decidedBy,
            @EventField("sheets counted") int sheets)
            implements DomainEvent {
    }

    @EventType(name = "review.decided", summary = "The officer recorded the committee's decision;"
            + " it waits in the approvals registry.")
    public record Decided(
            @EventField("review id") String reviewId,
            @EventField(value = "candidate id chosen", optional = true) Integer winner,
            @EventField("approval id") String approvalId,
            @EventField("SHA-256 of the record members confirm") String recordSha256)
            implements DomainEvent {
    }

    @EventType(name = "review.record-confirmed", summary = "A member confirmed the record's hash"
            + " with a fresh MFA step (signed by the members).")
    public record RecordConfirmed(
            @EventField("review id") String reviewId,
            @EventField("member code") String member,
            @EventField("SHA-256 confirmed") String recordSha256)
            implements DomainEvent {
    }

    @EventType(name = "review.closed", summary = "A review was closed (by the officer or at its"
            + " closing time): guests lose access.")
    public record Closed(
            @EventField("review id") String reviewId,
            @EventField("login of the officer, or system") String by)
            implements DomainEvent {
    }

    @EventType(name = "review.guest-expired", summary = "A guest's reviews are all closed: the guest"
            + " identity no longer signs in.")
    public record GuestExpired(
            @EventField("guest id") String guestId)
            implements DomainEvent {
    }

    @EventType(name = "review.member.replaced", summary = "A member who recused themselves left the"
            + " panel (their sheet no longer counts) and a substitute was invited in their place.")
    public record MemberReplaced(
            @EventField("review id") String reviewId,
            @EventField("code of the member who left") String recusedCode,
            @EventField("code of the substitute") String substituteCode,
            @EventField("true when the substitute is an outside expert (guest)") boolean external,
            @EventField("login of the officer") String by)
            implements DomainEvent {
    }

    @EventType(name = "review.record.sealed", summary = "The closing record of a review was signed"
            + " as PAdES with the agency's review-records seal and stored.")
    public record RecordSealed(
            @EventField("review id") String reviewId,
            @EventField("serial of the seal's certificate (hex)") String certificate,
            @EventField("SHA-256 of the sealed PDF") String sha256,
            @EventField("SHA-256 of the record members confirmed") String recordSha256)
            implements DomainEvent {
    }

    @EventType(name = "review.record.signed", summary = "A member added their own PAdES signature to the"
            + " record (評選紀錄), validated with EU DSS before it was accepted.")
    public record RecordSigned(
            @EventField("review id") String reviewId,
            @EventField("member code") String member,
            @EventField("the signature's place in the file (1 = first)") int seq,
            @EventField("serial of the member's certificate (hex)") String certificate,
            @EventField("SHA-256 of the record as signed") String sha256)
            implements DomainEvent {
    }

    @EventType(name = "review.record.final", summary = "Every member present at the meeting signed the"
            + " record; the agency's seal was added last and the file is final.")
    public record RecordFinal(
            @EventField("review id") String reviewId,
            @EventField("members' signatures in the file") int signatures,
            @EventField("SHA-256 of the final, sealed PDF") String sha256)
            implements DomainEvent {
    }

    @EventType(name = "review.guest-account.ready", summary = "A guest's account in Keycloak's guest"
            + " realm was made, or enabled again for a new invitation (TOTP required at first sign-in).")
    public record GuestAccountReady(
            @EventField("guest id") String guestId,
            @EventField("the guest realm") String realm,
            @EventField("CREATED, UPDATED or UNCHANGED") String outcome)
            implements DomainEvent {
    }

    @EventType(name = "review.guest-account.disabled", summary = "A guest's reviews are all closed:"
            + " the guest's Keycloak account was disabled and its sessions ended.")
    public record GuestAccountDisabled(
            @EventField("guest id") String guestId,
            @EventField("the guest realm") String realm)
            implements DomainEvent {
    }
}

package org.agencyworkspace.reviews;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.mail.MailMessage;
import org.agencyworkspace.connector.mail.MailSender;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends the guest mail queued in {@code review_mail} (invitations and sign-in codes) through the
 * mail connector. The link's token or the code is made at sending time, so nothing secret waits
 * in the queue. A server that cannot be reached leaves the mail PENDING with a doubling wait; the
 * last attempt, or a refusal no retry can cure, marks it FAILED, tells the officer and throws
 * {@link RefusedException} so the route puts it in the dead-letter store (replaying it sends it
 * again). A mail already SENT is never sent twice.
 */
public class GuestMail {

    /** A mail due now. */
    public record Due(String id, String kind, String guestId, String reviewId, Integer memberId,
            String locale, String status, int attempts) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final ReviewGuests guests;
    private final Reviews reviews;
    private final MailSender sender;
    private final NotificationTemplates templates;
    private final Messenger messenger;
    private final ReviewsProperties properties;
    private final WorkspaceProperties workspace;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public GuestMail(JdbcClient jdbc, ReviewGuests guests, Reviews reviews, MailSender sender,
            NotificationTemplates templates, Messenger messenger, ReviewsProperties properties,
            WorkspaceProperties workspace, AuditTrail audit, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.guests = guests;
        this.reviews = reviews;
        this.sender = sender;
        this.templates = templates;
        this.messenger = messenger;
        this.properties = properties;
        this.workspace = workspace;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Ids of pending mail due now, oldest first. */
    public List<String> due(int limit) {
        return jdbc.sql("""
                SELECT id FROM review_mail WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("now", now()).query(String.class).list();
    }

    public Optional<Due> find(String id) {
        return jdbc.sql("SELECT * FROM review_mail WHERE id = :id").param("id", id)
                .query((rs, n) -> new Due(rs.getString("id"), rs.getString("kind"), rs.getString("guest_id"),
                        rs.getString("review_id"), (Integer) rs.getObject("member_id", Integer.class),
                        rs.getString("locale"), rs.getString("status"), rs.getInt("attempts")))
                .optional();
    }

    /**
     * Sends one mail (PENDING, or FAILED when replayed from the dead-letter store).
     *
     * @throws RefusedException when it is given up: the route dead-letters it
     */
    public void send(String id) {
        Optional<Due> found = find(id);
        if (found.isEmpty() || "SENT".equals(found.get().status())) {
            return;
        }
        Due due = found.get();
        Optional<ReviewGuests.Guest> guest = guests.find(due.guestId());
        Optional<Review> review = due.reviewId() == null ? Optional.empty() : reviews.load(due.reviewId());
        if (guest.isEmpty() || guest.get().expired()
                || review.filter(r -> r.status() == Review.Status.CLOSED).isPresent()) {
            // Nobody to invite any more: the review closed or the guest expired before it went out.
            mark(due, "VOID", "no longer needed");
            return;
        }
        Locale locale = Locale.forLanguageTag(due.locale());
        MailMessage message;
        if ("INVITATION".equals(due.kind())) {
            Review r = review.orElseThrow();
            String token = guests.newInvitationToken(r.id(), due.memberId(), due.guestId());
            Map<String, String> values = Map.of("name", guest.get().displayName(), "case", r.caseNumber(),
                    "subject", r.subject(),
                    "meeting", WHEN.format(r.meetingAt().atZone(workspace.timeZone())) + " (" + workspace.timeZone() + ")",
                    "expires", WHEN.format(clock.instant().plus(properties.invitationLifetime()).atZone(workspace.timeZone())),
                    "link", workspace.publicBase() + "/guest/invitation/" + token,
                    "login", workspace.publicBase() + "/guest/login");
            message = new MailMessage(due.id(), List.of(guest.get().email()),
                    templates.subject("review.guest-invitation", values, locale),
                    templates.body("review.guest-invitation", values, locale));
        } else {
            String code = guests.newCode(due.guestId());
            Map<String, String> values = Map.of("code", code,
                    "minutes", Long.toString(properties.codeLifetime().toMinutes()));
            message = new MailMessage(due.id(), List.of(guest.get().email()),
                    templates.subject("review.guest-code", values, locale),
                    templates.body("review.guest-code", values, locale));
        }
        int attempts = due.attempts() + 1;
        try {
            sender.send(message);
        } catch (TransientConnectorException e) {
            if (attempts < properties.mail().maxAttempts()) {
                jdbc.sql("""
                        UPDATE review_mail SET status = 'PENDING', attempts = :a, next_attempt_at = :next,
                            last_error = :error WHERE id = :id
                        """)
                        .param("a", attempts).param("next", now().plus(backoff(attempts)))
                        .param("error", shorten(e.getMessage())).param("id", id).update();
                return;
            }
            throw giveUp(due, review, attempts, e);
        } catch (ConnectorException | IllegalArgumentException e) {
            throw giveUp(due, review, attempts, e);
        }
        jdbc.sql("UPDATE review_mail SET status = 'SENT', attempts = :a, sent_at = :now, last_error = NULL WHERE id = :id")
                .param("a", attempts).param("now", now()).param("id", id).update();
        audit.record(AuditEvent.of("review.guest.mail", "process").target("guest", due.guestId())
                .details(Map.of("kind", due.kind(), "review", String.valueOf(due.reviewId()),
                        "attempts", Integer.toString(attempts)))
                .build());
        events.publish(new ReviewEvents.GuestMailed(due.reviewId() == null ? "" : due.reviewId(), due.kind(),
                due.guestId(), attempts), null);
    }

    private RefusedException giveUp(Due due, Optional<Review> review, int attempts, RuntimeException e) {
        jdbc.sql("UPDATE review_mail SET status = 'FAILED', attempts = :a, last_error = :error WHERE id = :id")
                .param("a", attempts).param("error", shorten(e.getMessage())).param("id", due.id()).update();
        audit.record(AuditEvent.of("review.guest.mail", "process").target("guest", due.guestId())
                .failure(shorten(e.getMessage()))
                .details(Map.of("kind", due.kind(), "review", String.valueOf(due.reviewId()),
                        "attempts", Integer.toString(attempts)))
                .build());
        events.publish(new ReviewEvents.GuestMailFailed(due.reviewId() == null ? "" : due.reviewId(), due.kind(),
                due.guestId(), shorten(e.getMessage())), null);
        review.ifPresent(r -> messenger.send(OutgoingMessage.of(Recipient.user(r.officer()), "review.guest-failed",
                Map.of("case", r.caseNumber(), "member", r.members().stream()
                                .filter(m -> due.guestId().equals(m.guestId())).map(Review.Member::code).findFirst()
                                .orElse("?"),
                        "attempts", Integer.toString(attempts), "error", shorten(e.getMessage()),
                        "link", workspace.publicBase() + "/admin/dead-letters"))));
        return new RefusedException("mail " + due.id() + " to guest " + due.guestId() + " given up after "
                + attempts + " attempts: " + e.getMessage(), e);
    }

    private void mark(Due due, String status, String error) {
        jdbc.sql("UPDATE review_mail SET status = :s, last_error = :e WHERE id = :id")
                .param("s", status).param("e", error).param("id", due.id()).update();
    }

    private Duration backoff(int attempts) {
        Duration wait = properties.mail().retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.mail().maxRetryDelay()) > 0 ? properties.mail().maxRetryDelay() : wait;
    }

    static String shorten(String text) {
        return text == null ? "" : text.length() <= 900 ? text : text.substring(0, 900);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

package org.agencyworkspace.reviews;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.reviews.ReviewException.Reason;
import org.agencyworkspace.security.local.SecretBox;
import org.agencyworkspace.security.local.TotpCodes;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guest identities: reviewers from outside the agency. A guest is not staff and has no
 * department; it is known by its e-mail address, joins through a one-time invitation link (only
 * the link's SHA-256 is stored; single use; expiring), signs in with an e-mailed one-time code or
 * an authenticator app (TOTP), and stops working once every review it sits on is closed.
 */
public class ReviewGuests {

    /** A guest as the sign-in pages see it. */
    public record Guest(String id, String email, String displayName, boolean totpEnrolled,
            boolean expired) {
    }

    /** What a redeemed invitation gives: the guest, and the review it was for. */
    public record Redeemed(Guest guest, String reviewId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ReviewsProperties properties;
    private final TotpCodes totp;
    private final SecretBox secrets;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public ReviewGuests(JdbcClient jdbc, ReviewsProperties properties, TotpCodes totp, SecretBox secrets,
            AuditTrail audit, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.totp = totp;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The guest with this address (made when new; a guest that expired comes back). */
    String findOrCreate(String email, String displayName) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        Optional<String> existing = jdbc.sql("SELECT id FROM review_guest WHERE email = :e")
                .param("e", address).query(String.class).optional();
        if (existing.isPresent()) {
            jdbc.sql("UPDATE review_guest SET expired_at = NULL WHERE id = :id").param("id", existing.get()).update();
            wantAccount(existing.get(), true);
            return existing.get();
        }
        String id = Reviews.newId("G");
        jdbc.sql("""
                INSERT INTO review_guest (id, email, display_name, created_at)
                VALUES (:id, :email, :name, :now)
                """)
                .param("id", id).param("email", address).param("name", displayName).param("now", now()).update();
        wantAccount(id, true);
        return id;
    }

    /**
     * With Keycloak's guest realm: queues the guest's account there to be made (or enabled again)
     * or disabled, in the same transaction as the invitation or closing that asks for it; the
     * review-guest-accounts route does it ({@link GuestAccounts}).
     */
    private void wantAccount(String id, boolean enabled) {
        if (!properties.keycloak().isConfigured()) {
            return;
        }
        String wanted = enabled ? "ENABLED" : "DISABLED";
        if (jdbc.sql("""
                UPDATE review_guest_account SET wanted = :w, status = 'PENDING', attempts = 0, next_attempt_at = :now,
                    last_error = NULL WHERE guest_id = :id
                """).param("w", wanted).param("now", now()).param("id", id).update() == 0) {
            jdbc.sql("""
                    INSERT INTO review_guest_account (guest_id, wanted, status, attempts, next_attempt_at)
                    VALUES (:id, :w, 'PENDING', 0, :now)
                    """).param("id", id).param("w", wanted).param("now", now()).update();
        }
    }

    public Optional<Guest> find(String id) {
        return jdbc.sql("SELECT * FROM review_guest WHERE id = :id").param("id", id)
                .query((rs, n) -> new Guest(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
                        rs.getString("totp_secret") != null, rs.getObject("expired_at") != null))
                .optional();
    }

    public Optional<Guest> findByEmail(String email) {
        if (email == null || email.length() > 254) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id FROM review_guest WHERE email = :e")
                .param("e", email.strip().toLowerCase(Locale.ROOT)).query(String.class).optional()
                .flatMap(this::find);
    }

    /** Whether the guest may sign in now: not expired, and on a review that is open to members. */
    public boolean active(String id) {
        return find(id).filter(guest -> !guest.expired()).isPresent() && jdbc.sql("""
                SELECT COUNT(*) FROM review_member m JOIN review r ON r.id = m.review_id
                WHERE m.guest_id = :g AND m.recused_at IS NULL AND r.status IN ('OPEN', 'SCORES_OPENED', 'DECIDED')
                """).param("g", id).query(Integer.class).single() > 0;
    }

    /** Expires the guest when every review it sits on is closed. */
    void expireIfDone(String id) {
        int open = jdbc.sql("""
                SELECT COUNT(*) FROM review_member m JOIN review r ON r.id = m.review_id
                WHERE m.guest_id = :g AND m.recused_at IS NULL AND r.status <> 'CLOSED'
                """).param("g", id).query(Integer.class).single();
        if (open == 0 && jdbc.sql("UPDATE review_guest SET expired_at = :now WHERE id = :id AND expired_at IS NULL")
                .param("now", now()).param("id", id).update() == 1) {
            jdbc.sql("DELETE FROM review_guest_code WHERE guest_id = :id").param("id", id).update();
            wantAccount(id, false);
            audit.record(AuditEvent.of("review.guest.expire", "iam").target("guest", id)
                    .reason("every review of the guest is closed or left").build());
            events.publish(new ReviewEvents.GuestExpired(id), null);
        }
    }

    // ---- mail ---------------------------------------------------------------------------

    /** Queues an invitation mail; its link is made when it is sent. */
    void queueInvitation(String reviewId, int memberId, String guestId) {
        String locale = jdbc.sql("SELECT locale FROM review_member WHERE review_id = :r AND id = :m")
                .param("r", reviewId).param("m", memberId).query(String.class).optional().orElse("zh-TW");
        queue("INVITATION", guestId, reviewId, memberId, locale);
    }

    /** Queues a sign-in or confirmation code mail; the code is made when it is sent. */
    public void queueCode(String guestId, Locale locale) {
        // One code on its way at a time: asking again does not flood the guest's mailbox.
        if (jdbc.sql("SELECT COUNT(*) FROM review_mail WHERE guest_id = :g AND kind = 'CODE' AND status = 'PENDING'")
                .param("g", guestId).query(Integer.class).single() == 0) {
            queue("CODE", guestId, null, null, locale.toLanguageTag());
        }
    }

    private void queue(String kind, String guestId, String reviewId, Integer memberId, String locale) {
        jdbc.sql("""
                INSERT INTO review_mail (id, kind, guest_id, review_id, member_id, locale, status, attempts,
                    next_attempt_at, created_at)
                VALUES (:id, :kind, :guest, :review, :member, :locale, 'PENDING', 0, :now, :now)
                """)
                .param("id", UUID.randomUUID().toString()).param("kind", kind).param("guest", guestId)
                .param("review", reviewId).param("member", memberId).param("locale", locale).param("now", now())
                .update();
    }

    // ---- invitations -----------------------------------------------------------------------

    /**
     * A new link token for the member's invitation; earlier unused tokens of the same member are
     * void. Only the token's SHA-256 is stored.
     */
    String newInvitationToken(String reviewId, int memberId, String guestId) {
        jdbc.sql("DELETE FROM review_invitation WHERE review_id = :r AND member_id = :m AND used_at IS NULL")
                .param("r", reviewId).param("m", memberId).update();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("""
                INSERT INTO review_invitation (token_sha256, review_id, member_id, guest_id, expires_at, created_at)
                VALUES (:hash, :r, :m, :g, :expires, :now)
                """)
                .param("hash", sha256(token)).param("r", reviewId).param("m", memberId).param("g", guestId)
                .param("expires", now().plus(properties.invitationLifetime())).param("now", now()).update();
        return token;
    }

    /**
     * Uses an invitation link once. A link that is unknown, used, expired or whose review is no
     * longer open is refused (GONE), audited with the real reason, and changes nothing.
     */
    public Redeemed redeem(String token, String ip, String userAgent) {
        record Row(String reviewId, String guestId, OffsetDateTime expires, OffsetDateTime used, String status) {
        }
        Optional<Row> found = token == null || token.length() > 100 ? Optional.empty() : jdbc.sql("""
                SELECT i.review_id, i.guest_id, i.expires_at, i.used_at, r.status FROM review_invitation i
                JOIN review r ON r.id = i.review_id WHERE i.token_sha256 = :hash
                """).param("hash", sha256(token))
                .query((rs, n) -> new Row(rs.getString("review_id"), rs.getString("guest_id"),
                        rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("used_at", OffsetDateTime.class),
                        rs.getString("status")))
                .optional();
        String reason = found.isEmpty() ? "unknown link"
                : found.get().used() != null ? "link used already"
                : !found.get().expires().isAfter(now()) ? "link expired"
                : !List.of("OPEN", "SCORES_OPENED", "DECIDED").contains(found.get().status()) ? "review closed"
                : null;
        if (reason == null && jdbc.sql("""
                UPDATE review_invitation SET used_at = :now WHERE token_sha256 = :hash AND used_at IS NULL
                """).param("now", now()).param("hash", sha256(token)).update() != 1) {
            reason = "link used already";
        }
        String guest = found.map(Row::guestId).orElse("unknown");
        if (reason != null) {
            audit.record(AuditEvent.of("review closed".equals(reason)
                            ? "review.guest.after-close" : "review.guest.invitation", "authentication")
                    .actor(found.isPresent() ? "guest:" + guest : "anonymous", guest)
                    .target("review", found.map(Row::reviewId).orElse("unknown"))
                    .source(ip, userAgent).failure(reason).build());
            throw new ReviewException(Reason.GONE, "this invitation link is not valid any more: ask the"
                    + " officer for a new one, or sign in with your e-mail address");
        }
        audit.record(AuditEvent.of("review.guest.invitation", "authentication")
                .actor("guest:" + guest, guest).target("review", found.get().reviewId())
                .source(ip, userAgent).build());
        return new Redeemed(find(guest).orElseThrow(), found.get().reviewId());
    }

    // ---- codes ----------------------------------------------------------------------------

    /** A new six-digit code for the guest (the earlier one is void); only its hash is kept. */
    String newCode(String guestId) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        jdbc.sql("DELETE FROM review_guest_code WHERE guest_id = :g").param("g", guestId).update();
        jdbc.sql("INSERT INTO review_guest_code (guest_id, code_sha256, expires_at, attempts) VALUES (:g, :h, :e, 0)")
                .param("g", guestId).param("h", sha256(guestId + ":" + code))
                .param("e", now().plus(properties.codeLifetime())).update();
        return code;
    }

    /**
     * Checks a code: the e-mailed one (used up when right; void after too many wrong tries) or,
     * when the guest enrolled an app, a TOTP code (each time step once).
     *
     * @return how the code was proved ({@code email-code} or {@code totp}), or empty when wrong
     */
    public Optional<String> checkCode(String guestId, String code) {
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        if (!typed.matches("\\d{6}")) {
            return Optional.empty();
        }
        String sealed = jdbc.sql("SELECT totp_secret FROM review_guest WHERE id = :g").param("g", guestId)
                .query(String.class).optional().orElse(null);
        if (sealed != null) {
            OptionalLong step = totp.matchingStep(secrets.open(sealed), typed);
            if (step.isPresent() && jdbc.sql("""
                    UPDATE review_guest SET totp_last_step = :s
                    WHERE id = :g AND (totp_last_step IS NULL OR totp_last_step < :s)
                    """).param("s", step.getAsLong()).param("g", guestId).update() == 1) {
                return Optional.of("totp");
            }
        }
        int used = jdbc.sql("""
                DELETE FROM review_guest_code WHERE guest_id = :g AND code_sha256 = :h AND expires_at > :now
                    AND attempts < :max
                """).param("g", guestId).param("h", sha256(guestId + ":" + typed)).param("now", now())
                .param("max", properties.codeAttempts()).update();
        if (used == 1) {
            return Optional.of("email-code");
        }
        jdbc.sql("UPDATE review_guest_code SET attempts = attempts + 1 WHERE guest_id = :g").param("g", guestId).update();
        return Optional.empty();
    }

    /** A fresh secret for the guest to enrol (kept in their session until confirmed). */
    public String newTotpSecret() {
        return totp.newSecret();
    }

    public String qrCode(Guest guest, String secret) {
        return totp.qrCodeDataUri(guest.email(), secret);
    }

    /** Enrols the app when {@code code} matches {@code secret}; from then on its codes sign in too. */
    public boolean enrolTotp(String guestId, String secret, String code) {
        OptionalLong step = totp.matchingStep(secret, code == null ? "" : code.replaceAll("\\s", ""));
        if (step.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE review_guest SET totp_secret = :s, totp_last_step = :step WHERE id = :g")
                .param("s", secrets.seal(secret)).param("step", step.getAsLong()).param("g", guestId).update();
        audit.record(AuditEvent.of("mfa.enrol", "iam").actor("guest:" + guestId, guestId)
                .target("guest", guestId).details(Map.of("kind", "totp")).build());
        return true;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

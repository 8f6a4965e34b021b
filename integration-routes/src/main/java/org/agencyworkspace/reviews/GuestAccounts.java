package org.agencyworkspace.reviews;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakUser;
import org.agencyworkspace.connector.keycloak.KeycloakUserUpdate;
import org.agencyworkspace.connector.keycloak.SavedUser;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Guests' accounts in Keycloak's guest realm, a realm apart from staff's: made when a guest is
 * invited (username and verified e-mail address the guest's, no roles, groups or department,
 * {@code CONFIGURE_TOTP} required so the first sign-in enrols an authenticator app), disabled
 * with every session ended when all the guest's reviews close, deleted after the retention.
 *
 * <p>The wanted state is queued in {@code review_guest_account} by {@link ReviewGuests} in the
 * transaction that asks for it; {@link #apply} does it. Every step is idempotent (the account is
 * found by its username, so a re-invitation reaches the same account). Keycloak out of reach
 * leaves the step PENDING with a doubling wait; the last attempt, or a refusal no retry can cure,
 * marks it FAILED and throws {@link RefusedException}, so the route dead-letters it (replaying it
 * tries again).
 */
public class GuestAccounts {

    /** A queued account change that is due. */
    record Due(String guestId, String wanted, String status, String keycloakId, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ReviewGuests guests;
    private final KeycloakAdmin keycloak;
    private final ReviewsProperties.GuestRealm realm;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final Clock clock;

    public GuestAccounts(JdbcClient jdbc, ReviewGuests guests, KeycloakAdmin keycloak,
            ReviewsProperties.GuestRealm realm, AuditTrail audit, EventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.guests = guests;
        this.keycloak = keycloak;
        this.realm = realm;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Guests whose account change is due now, oldest first. */
    public List<String> due(int limit) {
        return jdbc.sql("""
                SELECT guest_id FROM review_guest_account WHERE status = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, guest_id FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("now", now()).query(String.class).list();
    }

    /** Disabled accounts whose retention is over and that are not deleted yet. */
    public List<String> expired(int limit) {
        return jdbc.sql("""
                SELECT guest_id FROM review_guest_account WHERE wanted = 'DISABLED' AND status = 'DONE'
                    AND deleted_at IS NULL AND disabled_at <= :before
                ORDER BY disabled_at FETCH FIRST %d ROWS ONLY""".formatted(limit))
                .param("before", now().minus(realm.retention())).query(String.class).list();
    }

    Optional<Due> find(String guestId) {
        return jdbc.sql("SELECT * FROM review_guest_account WHERE guest_id = :g").param("g", guestId)
                .query((rs, n) -> new Due(rs.getString("guest_id"), rs.getString("wanted"), rs.getString("status"),
                        rs.getString("keycloak_id"), rs.getInt("attempts")))
                .optional();
    }

    /** The guest a guest-realm account belongs to ({@code sub} of its tokens). */
    public Optional<String> guestOf(String keycloakId) {
        return jdbc.sql("SELECT guest_id FROM review_guest_account WHERE keycloak_id = :k AND deleted_at IS NULL")
                .param("k", keycloakId).query(String.class).optional();
    }

    /**
     * Makes the guest's account what is wanted (PENDING, or FAILED when replayed from the
     * dead-letter store); nothing when it is already done.
     *
     * @throws RefusedException when it is given up: the route dead-letters it
     */
    public void apply(String guestId) {
        Optional<Due> found = find(guestId);
        if (found.isEmpty() || "DONE".equals(found.get().status())) {
            return;
        }
        Due due = found.get();
        int attempts = due.attempts() + 1;
        try {
            if ("ENABLED".equals(due.wanted())) {
                ensure(guestId);
            } else {
                disable(due);
            }
        } catch (TransientConnectorException e) {
            if (attempts < realm.maxAttempts()) {
                jdbc.sql("""
                        UPDATE review_guest_account SET attempts = :a, next_attempt_at = :next, last_error = :e
                        WHERE guest_id = :g AND status = 'PENDING'
                        """).param("a", attempts).param("next", now().plus(backoff(attempts)))
                        .param("e", GuestMail.shorten(e.getMessage())).param("g", guestId).update();
                return;
            }
            throw giveUp(due, attempts, e);
        } catch (ConnectorException | IllegalStateException e) {
            throw giveUp(due, attempts, e);
        }
    }

    /**
     * Makes or enables the guest's account now (the invitation's sign-in does not wait for the
     * route), and marks the queued change done when it was for this. Idempotent.
     *
     * @return the account's id in the guest realm
     */
    String ensure(String guestId) {
        ReviewGuests.Guest guest = guests.find(guestId).orElseThrow(() ->
                new IllegalStateException("no guest " + guestId));
        String[] names = names(guest.displayName());
        SavedUser saved = keycloak.createOrUpdateUser(KeycloakUserUpdate.of(guest.email())
                .withEmail(guest.email())
                .withEmailVerified(true)
                .withName(names[0], names[1])
                .withEnabled(true)
                .withRequiredActions("CONFIGURE_TOTP"));
        KeycloakUser user = saved.user();
        // The realm grants nothing by default; anything granted by hand is taken away again.
        keycloak.revokeRealmRoles(user.id(), keycloak.realmRoles(user.id()));
        keycloak.groupsOf(user.id()).forEach(group -> keycloak.leaveGroup(user.id(), group.id()));
        int changed = jdbc.sql("""
                UPDATE review_guest_account SET keycloak_id = :k, status = 'DONE', attempts = attempts + 1,
                    last_error = NULL, disabled_at = NULL, deleted_at = NULL
                WHERE guest_id = :g AND wanted = 'ENABLED'
                """).param("k", user.id()).param("g", guestId).update();
        if (changed == 0 && find(guestId).isEmpty()) {
            // A guest invited before the workspace had a guest realm.
            changed = jdbc.sql("""
                    INSERT INTO review_guest_account (guest_id, wanted, status, keycloak_id, attempts, next_attempt_at)
                    VALUES (:g, 'ENABLED', 'DONE', :k, 1, :now)
                    """).param("g", guestId).param("k", user.id()).param("now", now()).update();
        }
        if (changed == 1) {
            audit.record(AuditEvent.of("review.guest.account", "iam").target("guest", guestId)
                    .details(Map.of("realm", realm.realm(), "outcome", saved.outcome().name(),
                            "account", user.id()))
                    .build());
            events.publish(new ReviewEvents.GuestAccountReady(guestId, realm.realm(), saved.outcome().name()), null);
        }
        return user.id();
    }

    /** Disables the account (its sessions end with it); a guest who never got one needs nothing. */
    private void disable(Due due) {
        Optional<KeycloakUser> account = due.keycloakId() != null ? keycloak.findUser(due.keycloakId())
                : guests.find(due.guestId()).flatMap(guest -> keycloak.findUserByUsername(guest.email()));
        account.ifPresent(user -> keycloak.disable(user.id()));
        jdbc.sql("""
                UPDATE review_guest_account SET status = 'DONE', attempts = attempts + 1, last_error = NULL,
                    disabled_at = :now WHERE guest_id = :g AND wanted = 'DISABLED'
                """).param("now", now()).param("g", due.guestId()).update();
        audit.record(AuditEvent.of("review.guest.account-disable", "iam").target("guest", due.guestId())
                .reason("every review of the guest is closed or left")
                .details(Map.of("realm", realm.realm(), "account", account.map(KeycloakUser::id).orElse("none"),
                        "sessions", "ended"))
                .build());
        events.publish(new ReviewEvents.GuestAccountDisabled(due.guestId(), realm.realm()), null);
    }

    /** Deletes a disabled account whose retention is over; idempotent. */
    public void delete(String guestId) {
        Optional<Due> due = find(guestId);
        if (due.isEmpty() || !"DISABLED".equals(due.get().wanted())) {
            return;
        }
        if (due.get().keycloakId() != null) {
            keycloak.deleteUser(due.get().keycloakId());
        }
        if (jdbc.sql("""
                UPDATE review_guest_account SET deleted_at = :now, keycloak_id = NULL
                WHERE guest_id = :g AND wanted = 'DISABLED' AND deleted_at IS NULL
                """).param("now", now()).param("g", guestId).update() == 1) {
            audit.record(AuditEvent.of("review.guest.account-delete", "iam").target("guest", guestId)
                    .reason("retention of a disabled guest account is over")
                    .details(Map.of("realm", realm.realm(), "retention", realm.retention().toString()))
                    .build());
        }
    }

    /**
     * Sets the password the guest chose after opening the invitation link (which proved the
     * e-mail address); the account is made first if the route has not made it yet.
     *
     * @throws ConnectorException with status 400 when the realm's password policy refuses it
     */
    void setPassword(String guestId, String password) {
        String account = find(guestId)
                .filter(due -> "ENABLED".equals(due.wanted()) && "DONE".equals(due.status()))
                .map(Due::keycloakId).orElseGet(() -> ensure(guestId));
        keycloak.setPassword(account, password, false);
        audit.record(AuditEvent.of("review.guest.password", "iam").actor("guest:" + guestId, guestId)
                .target("guest", guestId).details(Map.of("realm", realm.realm())).build());
    }

    private RefusedException giveUp(Due due, int attempts, RuntimeException e) {
        jdbc.sql("UPDATE review_guest_account SET status = 'FAILED', attempts = :a, last_error = :e WHERE guest_id = :g")
                .param("a", attempts).param("e", GuestMail.shorten(e.getMessage())).param("g", due.guestId()).update();
        audit.record(AuditEvent.of("ENABLED".equals(due.wanted()) ? "review.guest.account"
                        : "review.guest.account-disable", "iam")
                .target("guest", due.guestId()).failure(GuestMail.shorten(e.getMessage()))
                .details(Map.of("realm", realm.realm(), "attempts", Integer.toString(attempts))).build());
        return new RefusedException("guest account " + due.guestId() + " (" + due.wanted() + ") given up after "
                + attempts + " attempts: " + e.getMessage(), e);
    }

    /** Keycloak wants a first and last name; a display name is split at its last space. */
    static String[] names(String displayName) {
        String name = displayName.strip();
        int space = name.lastIndexOf(' ');
        return space > 0 ? new String[] {name.substring(0, space), name.substring(space + 1)}
                : new String[] {name, name};
    }

    private Duration backoff(int attempts) {
        Duration wait = realm.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        Duration longest = Duration.ofMinutes(30);
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}

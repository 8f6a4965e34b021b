package org.agencyworkspace.push;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.push.PushSubscription;
import org.agencyworkspace.platform.messaging.PushCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's subscribed devices ({@code push_subscription}), which notices they want pushed
 * ({@code push_setting}) and what each device was pushed already ({@code push_delivery}).
 */
@Repository
public class PushSubscriptions {

    /**
     * One subscribed device, as its owner sees it.
     *
     * @param id the subscription's id
     * @param device what the browser said it is (its user agent, shortened); may be null
     * @param origin the push service's origin, never the full endpoint
     */
    public record Device(String id, String device, String origin, OffsetDateTime createdAt,
            OffsetDateTime lastPushedAt) {
    }

    /** A subscription with its id, for delivery. */
    public record Stored(String id, String login, PushSubscription subscription) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    public PushSubscriptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Keeps the subscription for {@code login}. The same endpoint subscribed again (the browser
     * renewed its keys, or another person signed in on the device) belongs to the latest.
     *
     * @return the subscription's id
     */
    @Transactional
    public String save(String login, PushSubscription subscription, String device) {
        String endpoint = subscription.endpoint().toString();
        jdbc.sql("DELETE FROM push_subscription WHERE endpoint = :endpoint").param("endpoint", endpoint).update();
        String id = HexFormat.of().formatHex(randomBytes());
        jdbc.sql("""
                INSERT INTO push_subscription (id, username, endpoint, p256dh, auth, device, created_at)
                VALUES (:id, :login, :endpoint, :p256dh, :auth, :device, :now)
                """)
                .param("id", id).param("login", login).param("endpoint", endpoint)
                .param("p256dh", subscription.p256dh()).param("auth", subscription.auth())
                .param("device", device).param("now", now()).update();
        return id;
    }

    /** @return whether the person had a subscription at that endpoint */
    public boolean remove(String login, URI endpoint) {
        return jdbc.sql("DELETE FROM push_subscription WHERE username = :login AND endpoint = :endpoint")
                .param("login", login).param("endpoint", endpoint.toString()).update() > 0;
    }

    /**
     * Forgets a subscription (the push service no longer knows it, or its person signed out).
     *
     * @return whether it was there
     */
    public boolean forget(String id) {
        return jdbc.sql("DELETE FROM push_subscription WHERE id = :id").param("id", id).update() > 0;
    }

    /** Forgets every device of the person; returns how many there were. */
    public int forgetAll(String login) {
        return jdbc.sql("DELETE FROM push_subscription WHERE username = :login").param("login", login)
                .update();
    }

    public int count(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM push_subscription WHERE username = :login")
                .param("login", login).query(Integer.class).single();
    }

    public boolean has(String login, URI endpoint) {
        return jdbc.sql("SELECT COUNT(*) FROM push_subscription WHERE username = :login AND endpoint = :endpoint")
                .param("login", login).param("endpoint", endpoint.toString()).query(Integer.class).single() > 0;
    }

    /** The person's devices, newest first. */
    public List<Device> devices(String login) {
        return jdbc.sql("SELECT * FROM push_subscription WHERE username = :login ORDER BY created_at DESC")
                .param("login", login)
                .query((rs, row) -> new Device(rs.getString("id"), rs.getString("device"),
                        origin(rs.getString("endpoint")), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("last_pushed_at", OffsetDateTime.class)))
                .list();
    }

    /** The person's subscriptions, for delivery. */
    public List<Stored> subscriptions(String login) {
        return jdbc.sql("SELECT * FROM push_subscription WHERE username = :login ORDER BY created_at")
                .param("login", login)
                .query((rs, row) -> new Stored(rs.getString("id"), rs.getString("username"),
                        PushSubscription.of(rs.getString("endpoint"), rs.getString("p256dh"), rs.getString("auth"))))
                .list();
    }

    /** The categories the person wants pushed; all of them until they choose. */
    public Set<PushCategory> wanted(String login) {
        return jdbc.sql("SELECT approvals, reminders, incidents FROM push_setting WHERE username = :login")
                .param("login", login)
                .query((rs, row) -> {
                    Set<PushCategory> wanted = EnumSet.noneOf(PushCategory.class);
                    for (PushCategory category : PushCategory.values()) {
                        if (rs.getBoolean(category.key())) {
                            wanted.add(category);
                        }
                    }
                    return wanted;
                })
                .optional().orElse(EnumSet.allOf(PushCategory.class));
    }

    @Transactional
    public void want(String login, Set<PushCategory> wanted) {
        jdbc.sql("DELETE FROM push_setting WHERE username = :login").param("login", login).update();
        jdbc.sql("""
                INSERT INTO push_setting (username, approvals, reminders, incidents, updated_at)
                VALUES (:login, :approvals, :reminders, :incidents, :now)
                """)
                .param("login", login).param("approvals", wanted.contains(PushCategory.APPROVALS))
                .param("reminders", wanted.contains(PushCategory.REMINDERS))
                .param("incidents", wanted.contains(PushCategory.INCIDENTS)).param("now", now()).update();
    }

    /** Whether this device was pushed this notice already. */
    public boolean pushed(String pushId, String subscriptionId) {
        return jdbc.sql("SELECT COUNT(*) FROM push_delivery WHERE push_id = :push AND subscription_id = :id")
                .param("push", pushId).param("id", subscriptionId).query(Integer.class).single() > 0;
    }

    @Transactional
    public void recordPushed(String pushId, String subscriptionId) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO push_delivery (push_id, subscription_id, pushed_at) VALUES (:push, :id, :now)")
                .param("push", pushId).param("id", subscriptionId).param("now", now).update();
        jdbc.sql("UPDATE push_subscription SET last_pushed_at = :now WHERE id = :id")
                .param("now", now).param("id", subscriptionId).update();
    }

    public Optional<String> ownerOf(URI endpoint) {
        return jdbc.sql("SELECT username FROM push_subscription WHERE endpoint = :endpoint")
                .param("endpoint", endpoint.toString()).query(String.class).optional();
    }

    private static String origin(String endpoint) {
        URI uri = URI.create(endpoint);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

package org.agencyworkspace.platform.messaging;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each person's choice of channel ({@code delivery_preference}) and which choices this
 * deployment offers: chat only when the chat channel is Matrix (otherwise chat is the inbox),
 * mail only when outgoing mail is configured.
 */
@Repository
public class DeliveryPreferences {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessagingProperties properties;
    private final boolean mailConfigured;

    @Autowired
    public DeliveryPreferences(JdbcClient jdbc, Clock clock, MessagingProperties properties,
            ObjectProvider<MailChannel> mail) {
        this(jdbc, clock, properties, mail.getIfAvailable() != null);
    }

    DeliveryPreferences(JdbcClient jdbc, Clock clock, MessagingProperties properties,
            boolean mailConfigured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.mailConfigured = mailConfigured;
    }

    /** The choices offered here, in the order shown. */
    public List<DeliveryPreference> offered() {
        List<DeliveryPreference> offered = new ArrayList<>();
        if (properties.channel() == MessagingProperties.Channel.MATRIX) {
            offered.add(DeliveryPreference.CHAT);
        }
        offered.add(DeliveryPreference.INBOX);
        if (mailConfigured) {
            offered.add(DeliveryPreference.MAIL);
        }
        return offered;
    }

    /** What the person chose, if anything. */
    public Optional<DeliveryPreference> chosen(String login) {
        return jdbc.sql("SELECT channel FROM delivery_preference WHERE username = :login")
                .param("login", login).query(String.class).optional().map(DeliveryPreference::valueOf);
    }

    /**
     * Where this person's messages go: their choice if this deployment offers it, else the
     * default, else the chat channel; a chat choice on a deployment without Matrix is the inbox.
     */
    public DeliveryPreference effective(String login) {
        List<DeliveryPreference> offered = offered();
        DeliveryPreference preference = chosen(login).filter(offered::contains)
                .orElse(properties.defaultPreference());
        if (!offered.contains(preference)) {
            preference = offered.get(0);
        }
        return preference;
    }

    /** @throws IllegalArgumentException when this deployment does not offer that choice */
    public void choose(String login, DeliveryPreference preference) {
        if (!offered().contains(preference)) {
            throw new IllegalArgumentException(preference.name().toLowerCase() + " is not offered here");
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE delivery_preference SET channel = :channel, updated_at = :now "
                        + "WHERE username = :login")
                .param("channel", preference.name()).param("now", now).param("login", login).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO delivery_preference (username, channel, updated_at) "
                            + "VALUES (:login, :channel, :now)")
                    .param("channel", preference.name()).param("now", now).param("login", login).update();
        }
    }
}

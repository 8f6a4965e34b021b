package org.agencyworkspace.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.mail.MailMessage;
import org.agencyworkspace.connector.mail.MailSender;
import org.agencyworkspace.platform.messaging.ChannelPause;
import org.agencyworkspace.platform.messaging.DeliveryDeferredException;
import org.agencyworkspace.platform.messaging.MailChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The messaging seam's mail channel over the configured {@link MailSender}. Each mail the server
 * accepted is recorded ({@code mail_delivery}), so a retried or replayed message is not mailed
 * twice; should the workspace stop between the server's acceptance and the record, the resend
 * carries the same Message-ID and mail clients show it once. While the server cannot be reached
 * or defers (4xx), messages wait in the outbox: the channel pauses, doubling up to 5 minutes,
 * instead of using up retries.
 */
@Component
@ConditionalOnExpression("'${workspace.mail.host:}' != ''")
public class SmtpMailChannel implements MailChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailChannel.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    private final MailSender sender;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ChannelPause pause;

    public SmtpMailChannel(MailSender sender, JdbcClient jdbc, Clock clock) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.clock = clock;
        this.pause = new ChannelPause(clock, FIRST_PAUSE, LONGEST_PAUSE);
    }

    @Override
    public boolean mail(String mailId, String login, String subject, String body, boolean fullText) {
        Optional<String> address = addressOf(login);
        if (address.isEmpty()) {
            return false;
        }
        if (alreadySent(mailId)) {
            return true;
        }
        pause.checkOpen("mail");
        try {
            sender.send(new MailMessage(mailId, List.of(address.get()), subject, body));
            pause.succeeded();
        } catch (TransientConnectorException unavailable) {
            LOG.warn("Mail server unavailable, mails wait in the outbox ({} pause): {}",
                    pause.backOff(), unavailable.getMessage());
            throw new DeliveryDeferredException(unavailable.getMessage(), unavailable);
        }
        jdbc.sql("INSERT INTO mail_delivery (mail_id, username, full_text, sent_at) "
                        + "VALUES (:id, :login, :full, :now)")
                .param("id", mailId).param("login", login).param("full", fullText)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
        return true;
    }

    private Optional<String> addressOf(String login) {
        return jdbc.sql("SELECT email FROM local_account WHERE username = :login")
                .param("login", login).query(String.class).list().stream()
                .filter(email -> email != null && !email.isBlank()).findFirst();
    }

    private boolean alreadySent(String mailId) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_delivery WHERE mail_id = :id").param("id", mailId)
                .query(Long.class).single() > 0;
    }
}

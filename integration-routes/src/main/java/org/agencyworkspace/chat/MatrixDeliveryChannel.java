package org.agencyworkspace.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixRateLimitedException;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.messaging.ChannelPause;
import org.agencyworkspace.platform.messaging.DeliveryChannel;
import org.agencyworkspace.platform.messaging.DeliveryDeferredException;
import org.agencyworkspace.platform.messaging.RenderedMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Delivers notifications as {@code m.notice} messages from the bot: a person's message to their
 * direct room, a department's to the department room, the security role's and the security room's
 * to the security room, another role's to each holder's direct room, a room's to that room.
 *
 * <p>Exactly once: the outbox message id is the Matrix transaction id, so a delivery repeated
 * after a crash returns the event already posted. While the homeserver is unreachable, or asks
 * for a longer pause than {@code max-rate-limit-wait}, the channel pauses and messages wait in the
 * outbox ({@link DeliveryDeferredException}); a short 429 delay is waited out in place.
 *
 * <p>Only the rendered title and text are posted: templates sent to chat carry titles and links,
 * never document content (operator guide, "Chat (Matrix)").
 */
@Component
@ConditionalOnExpression(MatrixDeliveryChannel.MATRIX_CHOSEN + " && " + MatrixDeliveryChannel.CHAT_CONFIGURED)
public class MatrixDeliveryChannel implements DeliveryChannel {

    static final String MATRIX_CHOSEN = "'${workspace.messaging.channel:inbox}'.toLowerCase() == 'matrix'";
    static final String CHAT_CONFIGURED = "'${workspace.chat.as-token:}' != '' "
            + "&& '${workspace.connectors.matrix.homeserver-url:}' != ''";

    private static final Logger LOG = LoggerFactory.getLogger(MatrixDeliveryChannel.class);
    private static final int MAX_TEXT = 2000;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final MatrixClient bot;
    private final ChatRooms rooms;
    private final StaffDirectory directory;
    private final OrgChart orgChart;
    private final ChatProperties chat;
    private final AtomicLong rateLimited = new AtomicLong();
    private final ChannelPause pause;

    public MatrixDeliveryChannel(MatrixClient matrixBot, ChatRooms rooms, StaffDirectory directory,
            OrgChart orgChart, ChatProperties chat, Clock clock) {
        this.bot = matrixBot;
        this.rooms = rooms;
        this.directory = directory;
        this.orgChart = orgChart;
        this.chat = chat;
        this.pause = new ChannelPause(clock, FIRST_PAUSE, LONGEST_PAUSE);
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public void deliver(RenderedMessage message) {
        pause.checkOpen("Matrix");
        try {
            for (Target target : targets(message.recipient())) {
                send(target.room(), target.txnId(message.messageId()), notice(message));
            }
            pause.succeeded();
        } catch (MatrixRateLimitedException limited) {
            pause.pauseFor(limited.retryAfter());
            throw new DeliveryDeferredException("Matrix rate limit: waiting "
                    + limited.retryAfter().toMillis() + " ms", limited);
        } catch (TransientConnectorException unreachable) {
            LOG.warn("Matrix unreachable, notifications wait in the outbox ({} pause): {}",
                    pause.backOff(), unreachable.getMessage());
            throw new DeliveryDeferredException(unreachable.getMessage(), unreachable);
        }
    }

    /** How many 429 answers were honoured since start. */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** Waits out short rate limits in place; a long one goes back to the outbox. */
    private void send(String roomId, String txnId, RoomMessage notice) {
        while (true) {
            try {
                bot.send(roomId, txnId, notice);
                return;
            } catch (MatrixRateLimitedException limited) {
                rateLimited.incrementAndGet();
                if (limited.retryAfter().compareTo(chat.maxRateLimitWait()) > 0) {
                    throw limited;
                }
                sleep(limited.retryAfter());
            }
        }
    }

    private record Target(String room, String suffix) {
        String txnId(String messageId) {
            return suffix == null ? messageId : messageId + "." + suffix;
        }
    }

    private List<Target> targets(Recipient recipient) {
        return switch (recipient.kind()) {
            case USER -> {
                if (directory.find(recipient.id()).isEmpty()) {
                    throw new IllegalArgumentException("no staff member " + recipient.id());
                }
                yield List.of(new Target(rooms.directRoom(recipient.id()), null));
            }
            case ROOM -> List.of(new Target(rooms.namedRoom(recipient.id()), null));
            case GROUP -> groupTargets(recipient.id());
        };
    }

    private List<Target> groupTargets(String group) {
        if (group.equals(chat.securityRole())) {
            return List.of(new Target(rooms.securityRoom(), null));
        }
        if (orgChart.departmentName(group).isPresent()) {
            return List.of(new Target(rooms.departmentRoom(group), null));
        }
        List<String> members = directory.membersOf(group);
        if (members.isEmpty() && !directory.groupExists(group)) {
            throw new IllegalArgumentException("no group " + group);
        }
        // A role has no room of its own: each holder gets it in their direct room, under a
        // transaction id of their own so each is still posted once.
        List<Target> targets = new java.util.ArrayList<>();
        for (String login : members) {
            try {
                targets.add(new Target(rooms.directRoom(login), login));
            } catch (PermanentConnectorException noAccount) {
                // One holder without a Matrix account must not hold the others' message back.
                LOG.warn("Role message for {} not posted to {}: {}", group, login,
                        noAccount.getMessage());
            }
        }
        return targets;
    }

    static RoomMessage notice(RenderedMessage message) {
        String subject = clip(message.subject(), 300);
        String body = clip(message.body(), MAX_TEXT);
        return RoomMessage.htmlNotice(subject + "\n" + body,
                "<b>" + HtmlUtils.htmlEscape(subject) + "</b><br>"
                        + HtmlUtils.htmlEscape(body).replace("\n", "<br>"));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryDeferredException("interrupted while honouring a rate limit", e);
        }
    }
}

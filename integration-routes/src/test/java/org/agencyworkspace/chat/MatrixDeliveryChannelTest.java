package org.agencyworkspace.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixRateLimitedException;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.directory.JdbcStaffDirectory;
import org.agencyworkspace.platform.messaging.DeliveryDeferredException;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.platform.messaging.RenderedMessage;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the Matrix channel treats the homeserver's refusals, which a real Synapse here does not
 * produce on demand (its limits are raised and the application service is exempt): a short 429 is
 * waited out and sent again under the same transaction id; a long one, or an unreachable server,
 * pauses the channel and leaves the message in the outbox.
 */
class MatrixDeliveryChannelTest {

    private final TestDatabase database = new TestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final Deque<Supplier<RuntimeException>> answers = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private MatrixDeliveryChannel channel;

    @BeforeEach
    void channel() {
        LocalAccounts accounts = new LocalAccounts(database.jdbc(), clock);
        accounts.addDepartment(new LocalAccounts.Department("it", "IT", "資訊處"));
        accounts.create(new LocalAccount("bob", "bob", "bob", null, "{hash}", null, null, "unmarked",
                List.of("staff"), List.of("it"), true, 0, null));
        MatrixClient bot = fakeBot();
        ChatProperties chat = new ChatProperties("agency-workspace", "as", "hs", "aw-bot", "aw_",
                URI.create("http://127.0.0.1:8080"), "aw-",
                "Agency", "security", "security-officer", Duration.ofMillis(500), Duration.ofSeconds(2));
        OrgChart chart = new OrgChart(database.jdbc());
        channel = new MatrixDeliveryChannel(bot, new ChatRooms(bot, "hs.test", chat, chart),
                new JdbcStaffDirectory(database.jdbc()), chart, chat, clock);
    }

    @Test
    void aShortRateLimitIsWaitedOutAndTheSameTransactionSentAgain() {
        answers.add(() -> new MatrixRateLimitedException("matrix", "uri", null, Duration.ofMillis(20)));

        channel.deliver(message("m1", Recipient.group("it")));

        assertThat(sent).containsExactly("!room:m1", "!room:m1");
        assertThat(channel.rateLimitedCount()).isEqualTo(1);
    }

    @Test
    void aLongRateLimitPausesTheChannelAndTheMessageStaysInTheOutbox() {
        answers.add(() -> new MatrixRateLimitedException("matrix", "uri", null, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.group("it"))))
                .isInstanceOf(DeliveryDeferredException.class).hasMessageContaining("30000 ms");
        assertThatThrownBy(() -> channel.deliver(message("m2", Recipient.group("it"))))
                .isInstanceOf(DeliveryDeferredException.class).hasMessageContaining("paused");
        clock.advance(Duration.ofSeconds(31));
        channel.deliver(message("m2", Recipient.group("it")));

        assertThat(sent).containsExactly("!room:m1", "!room:m2");
    }

    @Test
    void anUnreachableHomeserverDefersWithAGrowingPause() {
        answers.add(() -> new TransientConnectorException("matrix", "cannot reach server", 0, "uri", null, null));
        answers.add(() -> new TransientConnectorException("matrix", "cannot reach server", 0, "uri", null, null));

        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.user("bob"))))
                .isInstanceOf(DeliveryDeferredException.class);
        clock.advance(Duration.ofMillis(1100));
        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.user("bob"))))
                .isInstanceOf(DeliveryDeferredException.class);
        clock.advance(Duration.ofMillis(1100));
        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.user("bob"))))
                .isInstanceOf(DeliveryDeferredException.class).hasMessageContaining("paused");
        clock.advance(Duration.ofSeconds(1));
        channel.deliver(message("m1", Recipient.user("bob")));

        assertThat(sent).containsExactly("!room:m1", "!room:m1", "!room:m1");
    }

    @Test
    void anUnknownRecipientIsRefusedNotRetried() {
        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.user("nobody"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel.deliver(message("m1", Recipient.group("no-such-group"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RenderedMessage message(String id, Recipient recipient) {
        return new RenderedMessage(id, recipient, Locale.ENGLISH, "Title", "http://localhost/x");
    }

    /** Every room exists as {@code !room}; sends answer from {@link #answers}, then succeed. */
    private MatrixClient fakeBot() {
        return (MatrixClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MatrixClient.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "resolveAlias" -> Optional.of("!room");
                    case "invite", "kick" -> false;
                    case "send" -> {
                        sent.add(args[0] + ":" + args[1]);
                        assertThat(((RoomMessage) args[2]).msgtype()).isEqualTo("m.notice");
                        Supplier<RuntimeException> failure = answers.poll();
                        if (failure != null) {
                            throw failure.get();
                        }
                        yield "$event";
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package org.agencyworkspace.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agencyworkspace.chat.ChatRooms;
import org.agencyworkspace.chat.MatrixDeliveryChannel;
import org.agencyworkspace.chat.MatrixStack;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.agencyworkspace.connector.matrix.MatrixRateLimitedException;
import org.agencyworkspace.connector.matrix.RoomEvent;
import org.agencyworkspace.connector.matrix.RoomMessage;
import org.agencyworkspace.connector.matrix.SyncBatch;
import org.agencyworkspace.platform.messaging.MessageOutbox;
import org.agencyworkspace.platform.messaging.MessagingProperties;
import org.agencyworkspace.platform.messaging.Messenger;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications through Matrix against the real Synapse of deploy/local, each figure beside its
 * baseline (the bot posting directly through the connector, no outbox): latency from
 * {@code Messenger.send} to the notice visible to a second user's {@code /sync}, and a burst of
 * 1,000 notifications until the reader has seen every one, with 429 answers counted and honoured.
 * Writes the matrix section of {@code docs/benchmarks.md}; asserts nothing about speed.
 *
 * <p>Run by {@code bin/workspace bench matrix} (the {@code benchmarks} Maven profile). Sizes:
 * {@code -Dbench.matrix.latency=100 -Dbench.matrix.burst=1000}.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MatrixBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MatrixBenchmark.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final Pattern MARK = Pattern.compile("bench-" + RUN + "-(\\w+)-(\\d+)");
    private static final int LATENCY = Integer.getInteger("bench.matrix.latency", 100);
    private static final int BURST = Integer.getInteger("bench.matrix.burst", 1000);
    private static final String POLL = System.getProperty("bench.matrix.poll", "100ms");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void realServers(DynamicPropertyRegistry registry) {
        MatrixStack.register(registry, dataDir);
        registry.add("workspace.messaging.poll-interval", () -> POLL);
        registry.add("workspace.messaging.batch-size", () -> "200");
    }

    @Autowired
    Messenger messenger;

    @Autowired
    MessageOutbox outbox;

    @Autowired
    ChatRooms rooms;

    @Autowired
    MatrixDeliveryChannel channel;

    @Autowired
    MessagingProperties messaging;

    @Test
    void notificationLatencyAndBurstAgainstDirectSends() throws Exception {
        MatrixClient bot = MatrixStack.bot();
        String readerId = "@aw_bench_reader_" + RUN + ":" + MatrixStack.SERVER_NAME;
        bot.registerNamespacedUser("aw_bench_reader_" + RUN);
        MatrixClient reader = bot.actingAs(readerId);
        String room = rooms.namedRoom("bench-" + RUN);
        bot.invite(room, readerId, null);
        reader.join(room);
        Reader view = new Reader(reader, room);

        // Warm-up: both paths once, so neither pays for first calls.
        latency(view, "warm", 3, i -> workspaceSend("warm", i));
        latency(view, "warmd", 3, i -> directSend(bot, room, "warmd", i));

        List<Duration> direct = latency(view, "direct", LATENCY, i -> directSend(bot, room, "direct", i));
        List<Duration> workspace = latency(view, "ws", LATENCY, i -> workspaceSend("ws", i));

        // The reader keeps syncing while a burst is sent, as a client does, so no sync has to
        // carry more than its timeline limit.
        long directLimited = 0;
        Instant directStart = Instant.now();
        CompletableFuture<Void> directSeen = view.awaitAllInBackground("bd", BURST);
        for (int i = 0; i < BURST; i++) {
            directLimited += directSend(bot, room, "bd", i);
        }
        directSeen.get(10, TimeUnit.MINUTES);
        Duration directBurst = Duration.between(directStart, Instant.now());

        long limitedBefore = channel.rateLimitedCount();
        Instant burstStart = Instant.now();
        List<String> ids = new ArrayList<>();
        CompletableFuture<Void> workspaceSeen = view.awaitAllInBackground("bw", BURST);
        for (int i = 0; i < BURST; i++) {
            ids.add(workspaceSend("bw", i));
        }
        workspaceSeen.get(10, TimeUnit.MINUTES);
        Duration workspaceBurst = Duration.between(burstStart, Instant.now());
        long delivered = ids.stream().filter(id -> outbox.find(id).orElseThrow().status()
                == MessageOutbox.Status.DELIVERED).count();

        MatrixSection section = new MatrixSection(Machine.current(), LatencySummary.of(workspace),
                LatencySummary.of(direct), BURST, workspaceBurst, directBurst,
                channel.rateLimitedCount() - limitedBefore, directLimited, delivered,
                view.duplicates, messaging.pollInterval());
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection(MatrixSection.NAME, section.markdown());
        LOG.info("Matrix benchmark written to {}:\n{}", report, section.markdown());
        if (delivered != BURST || view.duplicates != 0) {
            throw new AssertionError("burst not delivered exactly once: " + delivered + " delivered, "
                    + view.duplicates + " duplicates");
        }
    }

    private interface Send {
        void send(int index) throws Exception;
    }

    /** Sequential: one notification, then wait until the reader sees it. */
    private static List<Duration> latency(Reader view, String kind, int count, Send send) throws Exception {
        List<Duration> measured = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            send.send(i);
            view.awaitOne(kind, i, Duration.ofSeconds(60));
            measured.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return measured;
    }

    private String workspaceSend(String kind, int index) {
        return messenger.send(OutgoingMessage.of(Recipient.room("bench-" + RUN), "notice.published",
                Map.of("title", "bench-" + RUN + "-" + kind + "-" + index, "text", "-")));
    }

    /** The baseline: the bot posts directly; a 429 is honoured (waited out) and counted. */
    private static int directSend(MatrixClient bot, String room, String kind, int index)
            throws InterruptedException {
        int limited = 0;
        String title = "bench-" + RUN + "-" + kind + "-" + index;
        while (true) {
            try {
                bot.send(room, "direct-" + title, RoomMessage.htmlNotice(title, "<b>" + title + "</b>"));
                return limited;
            } catch (MatrixRateLimitedException e) {
                limited++;
                Thread.sleep(e.retryAfter().toMillis());
            }
        }
    }

    /** The second user's view through /sync, counting each marked notice once (and any repeat). */
    private static final class Reader {
        private final MatrixClient client;
        private final String room;
        private final Set<String> seen = new HashSet<>();
        private long duplicates;
        private String since;

        Reader(MatrixClient client, String room) {
            this.client = client;
            this.room = room;
            this.since = client.sync(null, Duration.ZERO).nextBatch();
        }

        void awaitOne(String kind, int index, Duration wait) {
            await(() -> seen.contains(kind + "-" + index), wait);
        }

        CompletableFuture<Void> awaitAllInBackground(String kind, int count) {
            return CompletableFuture.runAsync(() -> await(() -> seen.stream()
                    .filter(key -> key.startsWith(kind + "-")).count() >= count, Duration.ofMinutes(10)));
        }

        private void await(java.util.function.BooleanSupplier done, Duration wait) {
            Instant deadline = Instant.now().plus(wait);
            while (!done.getAsBoolean()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the reader did not see the notices within " + wait);
                }
                SyncBatch batch = client.sync(since, Duration.ofSeconds(5), 1000);
                if (batch.limited()) {
                    throw new AssertionError("more than 1000 events between two syncs; counts would be wrong");
                }
                for (RoomEvent event : batch.timeline()) {
                    if (event.roomId().equals(room) && event.body() != null) {
                        Matcher mark = MARK.matcher(event.body());
                        if (mark.find() && !seen.add(mark.group(1) + "-" + mark.group(2))) {
                            duplicates++;
                        }
                    }
                }
                since = batch.nextBatch();
            }
        }
    }
}

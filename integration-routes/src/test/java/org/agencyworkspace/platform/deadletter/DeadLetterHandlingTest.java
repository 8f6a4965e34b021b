package org.agencyworkspace.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.support.MutableClock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterHandlingTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private final DeadLetterStore store =
            new DeadLetterStore(new TestDatabase().jdbc(), new ObjectMapper(), clock);
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private final List<String> givenUp = new CopyOnWriteArrayList<>();
    private ProducerTemplate producer;
    private DeadLetterReplayer replayer;

    @BeforeEach
    void routes() throws Exception {
        RetryProperties retry = new RetryProperties(2, Duration.ofMillis(1), 2.0,
                Duration.ofMillis(5));
        camel.addRoutes(new ErrorHandlingRoutes(retry, new DeadLetterRecorder(store,
                List.of((routeId, body, reason) -> givenUp.add(routeId + ":" + body)))));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:work").routeId("work")
                        .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                        .setBody(simple("transformed ${body}"))
                        .process(exchange -> {
                            attempts.incrementAndGet();
                            if (failing.get()) {
                                throw new TransientConnectorException("matrix", "cannot reach server",
                                        0, "http://127.0.0.1:8008/", null, null);
                            }
                            processed.add(exchange.getMessage().getBody(String.class));
                        });
                from("direct:refused").routeId("refused")
                        .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                        .process(exchange -> {
                            attempts.incrementAndGet();
                            throw new PermanentConnectorException("keycloak", "POST refused", 409,
                                    "http://127.0.0.1:8180/admin", "User exists", null);
                        });
                from("timer:tick?repeatCount=1&delay=-1").routeId("ticking").autoStartup(false)
                        .routeConfigurationId(ErrorHandlingRoutes.DEFAULT)
                        .throwException(new IllegalStateException("tick failed"));
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
        replayer = new DeadLetterReplayer(store, producer, audit, List.of());
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void transientFailuresAreRetriedThenKeptWithTheOriginalMessage() {
        Exchange done = producer.send("direct:work", exchange -> {
            exchange.getMessage().setBody("員工 alice 離職");
            exchange.getMessage().setHeader("WorkspaceTemplate", "notice.published");
            exchange.getMessage().setHeader("Authorization", "Bearer eyJ-secret");
        });

        assertThat(attempts).hasValue(3);
        assertThat(done.getException()).isNull();
        DeadLetter letter = store.find(done.getProperty(DeadLetterRecorder.DEAD_LETTERED_PROPERTY,
                String.class)).orElseThrow();
        assertThat(letter.routeId()).isEqualTo("work");
        assertThat(letter.body()).isEqualTo("員工 alice 離職");
        assertThat(letter.replayEndpoint()).isEqualTo("direct://work");
        assertThat(letter.exceptionType()).isEqualTo(TransientConnectorException.class.getName());
        assertThat(letter.exceptionMessage()).contains("cannot reach server");
        assertThat(letter.headers()).containsEntry("WorkspaceTemplate", "notice.published")
                .doesNotContainKey("Authorization");
        assertThat(letter.status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(givenUp).containsExactly("work:員工 alice 離職");
    }

    @Test
    void permanentFailuresGoStraightToTheStore() {
        producer.sendBody("direct:refused", "{\"userName\":\"alice\"}");

        assertThat(attempts).hasValue(1);
        assertThat(store.list(DeadLetter.Status.OPEN, 10)).singleElement().satisfies(letter -> {
            assertThat(letter.routeId()).isEqualTo("refused");
            assertThat(letter.exceptionMessage()).contains("HTTP 409").contains("User exists");
        });
    }

    @Test
    void replayAfterTheCauseIsFixedProcessesTheOriginalAndClosesTheLetter() {
        producer.sendBody("direct:work", "payload-1");
        String id = store.list(DeadLetter.Status.OPEN, 10).get(0).id();

        failing.set(false);
        DeadLetterReplayer.Result result = replayer.replay(id, "bob");

        assertThat(result).isEqualTo(DeadLetterReplayer.Result.REPLAYED);
        assertThat(processed).containsExactly("transformed payload-1");
        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.status()).isEqualTo(DeadLetter.Status.REPLAYED);
        assertThat(letter.resolvedBy()).isEqualTo("bob");
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("dead-letter.replay");
            assertThat(event.actor().id()).isEqualTo("bob");
        });
        assertThat(replayer.replay(id, "bob")).isEqualTo(DeadLetterReplayer.Result.NOT_REPLAYABLE);
    }

    @Test
    void aReplayThatFailsAgainUpdatesTheSameLetter() {
        producer.sendBody("direct:work", "payload-2");
        String id = store.list(DeadLetter.Status.OPEN, 10).get(0).id();
        clock.advance(Duration.ofMinutes(5));

        DeadLetterReplayer.Result result = replayer.replay(id, "bob");

        assertThat(result).isEqualTo(DeadLetterReplayer.Result.FAILED_AGAIN);
        assertThat(store.list(null, 10)).hasSize(1);
        DeadLetter letter = store.find(id).orElseThrow();
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.status()).isEqualTo(DeadLetter.Status.OPEN);
        assertThat(letter.lastFailedAt()).isAfter(letter.firstFailedAt());
    }

    @Test
    void aFailureOfATimerRouteIsKeptButCannotBeReplayed() throws Exception {
        camel.getRouteController().startRoute("ticking");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !store.list(DeadLetter.Status.OPEN, 10).isEmpty());

        DeadLetter letter = store.list(DeadLetter.Status.OPEN, 10).get(0);
        assertThat(letter.routeId()).isEqualTo("ticking");
        assertThat(letter.replayEndpoint()).isNull();
        assertThat(replayer.replay(letter.id(), "bob"))
                .isEqualTo(DeadLetterReplayer.Result.NOT_REPLAYABLE);
        assertThat(replayer.discard(letter.id(), "bob", "known outage")).isTrue();
        assertThat(store.find(letter.id()).orElseThrow().status())
                .isEqualTo(DeadLetter.Status.DISCARDED);
        assertThat(store.list(DeadLetter.Status.OPEN, 10)).isEmpty();
        assertThat(Map.of("discard", audit.actions())).containsEntry("discard",
                List.of("dead-letter.discard"));
    }
}

package org.agencyworkspace.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agencyworkspace.files.FileEvents;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterReplayer;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.deadletter.RetryProperties;
import org.agencyworkspace.platform.routes.RouteFolder;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domain events from publishing to YAML subscribers, on a real Camel context and database: every
 * subscriber gets every matching event once, a failing subscriber is dead-lettered alone and
 * replayed alone, and nothing published is lost while nobody dispatches.
 */
class DomainEventRoutesTest {

    private final EventTestBed bed = new EventTestBed();
    private final CamelContext camel = new DefaultCamelContext();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @TempDir
    Path folder;
    private RouteFolder routeFolder;

    @BeforeEach
    void start() throws Exception {
        camel.addComponent(WorkspaceEventComponent.SCHEME, bed.component);
        camel.addRoutes(new ErrorHandlingRoutes(new RetryProperties(0, Duration.ofMillis(1), 1.0,
                Duration.ofMillis(1)), bed.recorder));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record").routeId("record")
                        .process(e -> received.add(e.getMessage().getHeader("Subscriber",
                                String.class) + " " + e.getMessage().getBody(String.class)));
                from("direct:explode").routeId("explode")
                        .process(e -> {
                            throw new IllegalStateException("subscriber broke");
                        });
            }
        });
        camel.start();
        routeFolder = new RouteFolder(folder, camel, audit, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        routeFolder.close();
        camel.stop();
    }

    @Test
    void everyMatchingYamlSubscriberGetsTheEventOnceAsJson() throws Exception {
        Files.writeString(folder.resolve("subscribers.yaml"), """
                - route:
                    id: labelled-to-record
                    routeConfigurationId: workspace-default
                    from:
                      uri: workspace-event:file.labelled
                      steps:
                        - unmarshal: {json: {}}
                        - setHeader: {name: Subscriber, constant: exact}
                        - setBody: {simple: "${body[data][path]} ${body[data][level]}"}
                        - to: direct:record
                - route:
                    id: all-files-to-record
                    routeConfigurationId: workspace-default
                    from:
                      uri: workspace-event:file.*
                      steps:
                        - setHeader: {name: Subscriber, simple: "prefix ${header.WorkspaceEventType}"}
                        - setBody: {constant: ""}
                        - to: direct:record
                - route:
                    id: identity-only
                    routeConfigurationId: workspace-default
                    from:
                      uri: workspace-event:identity.*
                      steps:
                        - setHeader: {name: Subscriber, constant: identity}
                        - to: direct:record
                """);
        routeFolder.start(null);

        String id = bed.events.publish(new FileEvents.Labelled("/公文/預算.pdf", false, "secret",
                "alice", LocalDate.parse("2027-01-31"), false), "alice");
        bed.dispatchAll();

        assertThat(received).containsExactlyInAnyOrder("exact /公文/預算.pdf secret",
                "prefix file.labelled ");
        assertThat(bed.log.undispatched(10)).isEmpty();
        PublishedEvent stored = bed.log.recent("file.labelled", 1).get(0);
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.actor()).isEqualTo("alice");
        assertThat(stored.data()).containsEntry("declassifyOn", "2027-01-31")
                .containsEntry("provisional", false);
    }

    @Test
    void aFailingSubscriberIsDeadLetteredAloneAndReplayedAlone() throws Exception {
        Files.writeString(folder.resolve("two.yaml"), """
                - route:
                    id: good-subscriber
                    routeConfigurationId: workspace-default
                    from:
                      uri: workspace-event:approval.requested
                      steps:
                        - setHeader: {name: Subscriber, constant: good}
                        - to: direct:record
                - route:
                    id: bad-subscriber
                    from:
                      uri: workspace-event:approval.requested
                      steps:
                        - to: direct:explode
                """);
        routeFolder.start(null);
        assertThat(routeFolder.statuses()).singleElement().satisfies(status -> assertThat(
                status.routeIds()).as(status.error()).hasSize(2));
        bed.events.publish(new org.agencyworkspace.approvals.ApprovalEvents.Requested("a-1",
                "label-downgrade", "降密 /公文/預算.pdf", "/approvals", "alice", "admin"), "alice");

        bed.dispatchAll();

        assertThat(received).hasSize(1).allMatch(line -> line.startsWith("good {"));
        assertThat(bed.log.undispatched(10)).as("a failing subscriber does not hold the event back")
                .isEmpty();
        List<DeadLetter> letters = bed.deadLetters.list(DeadLetter.Status.OPEN, 10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.routeId()).isEqualTo("bad-subscriber");
            assertThat(letter.replayable()).isTrue();
            assertThat(letter.body()).contains("\"type\":\"approval.requested\"");
        });

        // Fixed: the route now records instead of exploding; the replay reaches it alone.
        Files.writeString(folder.resolve("two.yaml"), Files.readString(folder.resolve("two.yaml"))
                .replace("- to: direct:explode", "- setHeader: {name: Subscriber, constant: fixed}\n"
                        + "        - to: direct:record"));
        routeFolder.scan();
        assertThat(routeFolder.statuses()).singleElement().satisfies(status -> assertThat(
                status.state()).as(status.error()).isEqualTo(
                        org.agencyworkspace.platform.routes.RouteFileStatus.State.LOADED));
        DeadLetterReplayer replayer = new DeadLetterReplayer(bed.deadLetters,
                camel.createProducerTemplate(), audit, List.of());
        assertThat(replayer.replay(letters.get(0).id(), "bob"))
                .isEqualTo(DeadLetterReplayer.Result.REPLAYED);
        assertThat(received).hasSize(2).anyMatch(line -> line.startsWith("fixed {"))
                .filteredOn(line -> line.startsWith("good")).hasSize(1);
    }

    @Test
    void eventsPublishedWhileNobodyDispatchesWaitInTheLog() throws Exception {
        Files.writeString(folder.resolve("late.yaml"), """
                - route:
                    id: late-subscriber
                    routeConfigurationId: workspace-default
                    from:
                      uri: workspace-event:*
                      steps:
                        - setHeader: {name: Subscriber, simple: "${header.WorkspaceEventType}"}
                        - to: direct:record
                """);
        routeFolder.start(null);
        for (int i = 0; i < 3; i++) {
            bed.events.publish(new FileEvents.Downloaded("/f" + i + ".pdf", "unmarked", "download",
                    "carol", null), "carol");
        }
        assertThat(bed.log.undispatched(10)).hasSize(3);
        assertThat(received).isEmpty();

        camel.addRoutes(new EventRoutes(new EventProperties(Duration.ofMillis(20), 2,
                Duration.ofDays(1)), bed.log, bed.dispatcher));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received).allMatch(line -> line.startsWith("file.downloaded {"));
        assertThat(received.stream().map(line -> line.substring(line.indexOf("/f"),
                line.indexOf(".pdf")))).containsExactly("/f0", "/f1", "/f2");
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.log.undispatched(10).isEmpty());
    }

    @Test
    void aPayloadWithoutEventTypeIsRefused() {
        record NotAnEvent(String x) implements DomainEvent {
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> bed.events.publish(new NotAnEvent("x"), "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@EventType");
    }

    @Test
    void badPatternsAreRejectedWithTheRule() {
        for (String bad : List.of("", "File.Labelled", "file..labelled", "file.*.x", "**", "a b")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EventPattern(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new EventPattern("file.*").matches("file.labelled")).isTrue();
        assertThat(new EventPattern("file.*").matches("files.x")).isFalse();
        assertThat(new EventPattern("file.labelled").matches("file.labelled.v2")).isFalse();
    }
}

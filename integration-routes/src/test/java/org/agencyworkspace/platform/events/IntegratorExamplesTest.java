package org.agencyworkspace.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.agencyworkspace.identity.IdentityEvents;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.deadletter.RetryProperties;
import org.agencyworkspace.platform.integration.RouteServiceRoutes;
import org.agencyworkspace.platform.integration.RouteServices;
import org.agencyworkspace.platform.messaging.OutgoingMessage;
import org.agencyworkspace.platform.messaging.Recipient;
import org.agencyworkspace.platform.routes.RouteFileStatus;
import org.agencyworkspace.platform.routes.RouteFolder;
import org.agencyworkspace.security.incidents.IncidentEvents;
import org.agencyworkspace.platform.idempotency.IdempotentRepositories;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.agencyworkspace.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked YAML examples of docs/integrator-guide.md that react to events, loaded from
 * docs/examples/routes exactly as an integrator would drop them into the route folder, and run
 * against published events; and the guide quotes every example as it stands.
 */
class IntegratorExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "examples", "routes");
    private static final Path GUIDE = Path.of("..", "docs", "integrator-guide.md");

    private final EventTestBed bed = new EventTestBed();
    private final CamelContext camel = new DefaultCamelContext();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final TestDatabase database = new TestDatabase();
    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();

    @TempDir
    Path folder;
    private RouteFolder routes;

    @BeforeEach
    void start() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("duty.room", "!duty:agency.test");
        camel.getPropertiesComponent().setInitialProperties(settings);
        RouteServices services = new RouteServices(message -> {
            sent.add(message);
            return "m" + sent.size();
        }, audit, new IdempotentRepositories(database.dataSource(), database.transactions()),
                database.transactions());
        camel.addComponent(WorkspaceEventComponent.SCHEME, bed.component);
        camel.addRoutes(new ErrorHandlingRoutes(new RetryProperties(0, Duration.ofMillis(1), 1.0,
                Duration.ofMillis(1)), bed.recorder));
        camel.addRoutes(new RouteServiceRoutes(services));
        camel.start();
        // The press example needs the files services; FileRouteServicesTest runs it.
        for (String example : List.of("incidents-to-duty-room.yaml", "welcome-to-department.yaml")) {
            Files.copy(EXAMPLES.resolve(example), folder.resolve(example));
        }
        routes = new RouteFolder(folder, camel, audit, Clock.systemUTC());
        routes.start(null);
    }

    @AfterEach
    void stop() {
        routes.close();
        camel.stop();
    }

    @Test
    void theEventExamplesLoadAndEveryExampleIsQuotedInTheGuide() throws Exception {
        assertThat(routes.statuses()).isNotEmpty().allSatisfy(status -> assertThat(status.state())
                .as(status.file() + ": " + status.error()).isEqualTo(RouteFileStatus.State.LOADED));
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path example : files.toList()) {
                assertThat(guide).as("the guide quotes " + example.getFileName())
                        .contains(Files.readString(example, StandardCharsets.UTF_8).strip());
            }
        }
    }

    @Test
    void aNewIncidentReachesTheDutyRoom() {
        bed.events.publish(new IncidentEvents.Raised("i-1", "brute-force-user", "HIGH", "user:alice",
                "Repeated failed sign-ins", "/admin/security/incidents/i-1"), "system");
        bed.dispatchAll();

        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.recipient()).isEqualTo(Recipient.room("!duty:agency.test"));
            assertThat(message.templateKey()).isEqualTo("notice.published");
            assertThat(message.parameters())
                    .containsEntry("title", "HIGH Repeated failed sign-ins")
                    .containsEntry("text", "user:alice, /admin/security/incidents/i-1");
        });
        assertThat(bed.deadLetters.list(null, 10)).isEmpty();
    }

    @Test
    void aJoinerIsAnnouncedToEachOfTheirDepartments() {
        bed.events.publish(new IdentityEvents.Joined("wang.xm", "王小明", List.of("general-affairs", "it"),
                List.of("staff"), "unmarked"), "scim");
        bed.events.publish(new IdentityEvents.Joined("svc.backup", "Backup service", List.of(),
                List.of("staff"), "unmarked"), "scim");
        bed.dispatchAll();

        assertThat(sent).extracting(OutgoingMessage::recipient).containsExactly(
                Recipient.group("general-affairs"), Recipient.group("it"));
        assertThat(sent).allSatisfy(message -> assertThat(message.parameters())
                .containsEntry("title", "歡迎 王小明")
                .containsEntry("text", "王小明 (wang.xm) joins us today."));
        assertThat(bed.deadLetters.list(null, 10)).isEmpty();
    }
}

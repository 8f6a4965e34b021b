package org.agencyworkspace.files.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.agencyworkspace.files.FilesFixture;
import org.agencyworkspace.security.stepup.StepUpRequiredException;
import org.agencyworkspace.files.delivery.CopyRegister;
import org.agencyworkspace.files.delivery.FileDelivery;
import org.agencyworkspace.files.delivery.CopyMarker;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.store.LocalFileStore;
import org.agencyworkspace.files.store.StoredFile;
import org.agencyworkspace.files.web.FileBrowser;
import org.agencyworkspace.platform.RefusedException;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.deadletter.DeadLetter;
import org.agencyworkspace.platform.deadletter.DeadLetterRecorder;
import org.agencyworkspace.platform.deadletter.DeadLetterStore;
import org.agencyworkspace.platform.deadletter.ErrorHandlingRoutes;
import org.agencyworkspace.platform.deadletter.RetryProperties;
import org.agencyworkspace.platform.routes.RouteFileStatus;
import org.agencyworkspace.platform.routes.RouteFolder;
import org.agencyworkspace.security.WorkspaceUser;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Routes reach the agency's files only as {@code route:<id>} with the lowest clearance: the
 * integrator guide's press example copies exactly the files anyone may take, and a route that
 * asks for a 密 file is refused, audited and dead-lettered without a retry.
 */
class FileRouteServicesTest {

    private static final WorkspaceUser CLASSIFIER = new WorkspaceUser("classifier", "Classifier",
            List.of("staff"), List.of("press"), "secret");

    @TempDir
    Path storeFolder;
    @TempDir
    Path routeFolder;
    @TempDir
    Path publicWeb;

    private LocalFileStore store;
    private FilesFixture files;
    private final CamelContext camel = new DefaultCamelContext();
    private DeadLetterStore deadLetters;
    private RouteFolder routes;

    @BeforeEach
    void start() throws Exception {
        store = new LocalFileStore(storeFolder);
        files = new FilesFixture(store);
        // No marking engine: a route never receives anything that would need one.
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        FileDelivery delivery = new FileDelivery(store, files.labels, files.policy, files.scheme,
                beans.getBeanProvider(CopyMarker.class),
                new CopyRegister(files.database.jdbc(), files.clock), files.audit,
                files.domainEvents, files.clock, FilesFixture.properties(200), () -> {
                    throw new StepUpRequiredException(null);
                });
        FileRouteServices services = new FileRouteServices(store, new FileBrowser(store,
                files.labels, files.scheme, files.policy, files.audit), files.scheme, delivery,
                files.audit);
        deadLetters = new DeadLetterStore(files.database.jdbc(), new ObjectMapper(),
                Clock.systemUTC());

        write("/新聞稿/新聞稿-1207.txt", "今日記者會");
        write("/新聞稿/附件.txt", "附件內容");
        label(write("/新聞稿/預算.pdf", "ORIGINAL SECRET"), "secret", List.of());
        write("/新聞稿/內部/草稿.txt", "DRAFT");
        label(store.stat(FilePath.of("/新聞稿/內部")).orElseThrow(), "secret", List.of());
        write("/人事室/名冊.txt", "not in the press folder");

        Properties settings = new Properties();
        settings.setProperty("public-web.folder", publicWeb.toString());
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getRegistry().bind("workspaceIdempotentRepository", new MemoryIdempotentRepository());
        camel.addRoutes(new ErrorHandlingRoutes(new RetryProperties(3, Duration.ofMillis(1), 1.0,
                Duration.ofMillis(1)), new DeadLetterRecorder(deadLetters, List.of())));
        camel.addRoutes(new FileRouteServiceRoutes(services));
        camel.start();
        routes = new RouteFolder(routeFolder, camel, files.audit, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        routes.close();
        camel.stop();
    }

    @Test
    void thePressExampleCopiesWhatAnyoneMayTakeAndNothingElse() throws Exception {
        Files.copy(Path.of("..", "docs", "examples", "routes", "press-to-public-web.yaml"),
                routeFolder.resolve("press-to-public-web.yaml"));
        routes.start(null);
        assertThat(routes.statuses()).singleElement().satisfies(status -> assertThat(
                status.state()).as(status.error()).isEqualTo(RouteFileStatus.State.LOADED));

        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(publicWeb.resolve("附件.txt"))
                && Files.exists(publicWeb.resolve("新聞稿-1207.txt")));

        try (var published = Files.list(publicWeb)) {
            assertThat(published.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("附件.txt", "新聞稿-1207.txt");
        }
        assertThat(Files.readString(publicWeb.resolve("新聞稿-1207.txt"))).isEqualTo("今日記者會");
        assertThat(files.audit.events()).filteredOn(event -> event.actor().id()
                        .equals("route:press-to-public-web"))
                .extracting(event -> event.target().id())
                .as("the route's takes are audited as its own downloads, the labelled ones never asked for")
                .contains("/新聞稿/附件.txt", "/新聞稿/新聞稿-1207.txt")
                .doesNotContain("/新聞稿/預算.pdf", "/新聞稿/內部/草稿.txt");
        assertThat(deadLetters.list(null, 10)).isEmpty();
    }

    @Test
    void aRouteAskingForASecretFileIsRefusedAuditedAndDeadLetteredWithoutRetry() throws Exception {
        Files.writeString(routeFolder.resolve("grab.yaml"), """
                - route:
                    id: grab-secret
                    routeConfigurationId: workspace-default
                    from:
                      uri: timer:grab-secret
                      parameters: {repeatCount: 1, delay: 0}
                      steps:
                        - setHeader: {name: WorkspaceFilePath, constant: /新聞稿/預算.pdf}
                        - to: direct:workspace-files-get
                        - to: "file:%s"
                """.formatted(publicWeb.toString().replace("\\", "/")));
        routes.start(null);

        await().atMost(Duration.ofSeconds(10)).until(() -> !deadLetters.list(null, 10).isEmpty());

        DeadLetter letter = deadLetters.list(null, 10).get(0);
        assertThat(letter.routeId()).isEqualTo("grab-secret");
        assertThat(letter.exceptionType()).isEqualTo(RefusedException.class.getName());
        assertThat(letter.attempts()).as("a refusal is not retried").isEqualTo(1);
        try (var published = Files.list(publicWeb)) {
            assertThat(published).isEmpty();
        }
        assertThat(files.audit.events()).filteredOn(event -> event.actor().id()
                        .equals("route:grab-secret"))
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
                    assertThat(event.target().id()).isEqualTo("/新聞稿/預算.pdf");
                    assertThat(event.details()).containsEntry("refusal", "DENIED");
                });
    }

    private StoredFile write(String path, String content) {
        return store.write(FilePath.of(path),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), null);
    }

    private void label(StoredFile file, String level, List<String> readers) {
        files.labels.label(file, new LabelRequest(level, "test", null, null, "公布後解密", false,
                readers, List.of()), CLASSIFIER);
    }

    @Test
    void aListingShowsARouteNothingItMayNotReadNotEvenTheName() {
        FileRouteServices services = new FileRouteServices(store, new FileBrowser(store,
                files.labels, files.scheme, files.policy, files.audit), files.scheme, null,
                files.audit);
        assertThat(services.list("press", "/新聞稿")).extracting(entry -> entry.get("path"))
                .containsExactlyInAnyOrder("/新聞稿/新聞稿-1207.txt", "/新聞稿/附件.txt");
    }
}

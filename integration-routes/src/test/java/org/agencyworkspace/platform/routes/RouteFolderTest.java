package org.agencyworkspace.platform.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.agencyworkspace.support.RecordingAuditTrail;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFolderTest {

    private static final String HELLO = """
            - route:
                id: hello
                from:
                  uri: direct:hello
                  steps:
                    - setBody:
                        simple: "hello ${body}"
            """;

    @TempDir
    Path folder;

    private final CamelContext camel = new DefaultCamelContext();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private RouteFolder routes;

    @BeforeEach
    void start() {
        camel.start();
        routes = new RouteFolder(folder, camel, audit, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        routes.close();
        camel.stop();
    }

    @Test
    void loadsAFileAndItsRouteWorks() throws Exception {
        Files.writeString(folder.resolve("hello.yaml"), HELLO);

        routes.start(null);

        assertThat(routes.statuses()).singleElement().satisfies(status -> {
            assertThat(status.state()).isEqualTo(RouteFileStatus.State.LOADED);
            assertThat(status.routeIds()).containsExactly("hello");
        });
        assertThat(camel.createProducerTemplate().requestBody("direct:hello", "台北", String.class))
                .isEqualTo("hello 台北");
        assertThat(audit.actions()).contains("route-file.load");
    }

    @Test
    void aYamlSyntaxErrorIsRejectedWithItsLineWhileOtherFilesRun() throws Exception {
        Files.writeString(folder.resolve("hello.yaml"), HELLO);
        Files.writeString(folder.resolve("broken.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                     steps: [
                """);

        routes.start(null);

        RouteFileStatus broken = status("broken.yaml");
        assertThat(broken.state()).isEqualTo(RouteFileStatus.State.REJECTED);
        assertThat(broken.line()).isBetween(4, 6);
        assertThat(broken.error()).isNotBlank();
        assertThat(status("hello.yaml").state()).isEqualTo(RouteFileStatus.State.LOADED);
        assertThat(camel.getRoute("hello")).isNotNull();
        assertThat(audit.actions()).contains("route-file.reject");
    }

    @Test
    void anUnknownComponentIsRejectedAndNothingOfTheFileRuns() throws Exception {
        Files.writeString(folder.resolve("typo.yaml"), """
                - route:
                    id: first-ok
                    from:
                      uri: direct:first
                      steps:
                        - log: "fine"
                - route:
                    id: typo
                    from:
                      uri: direct:typo
                      steps:
                        - to: "fle:out"
                """);

        routes.start(null);

        RouteFileStatus typo = status("typo.yaml");
        assertThat(typo.state()).isEqualTo(RouteFileStatus.State.REJECTED);
        assertThat(typo.error()).contains("fle");
        assertThat(typo.line()).isPositive();
        assertThat(camel.getRoute("first-ok")).isNull();
        assertThat(camel.getRoute("typo")).isNull();
    }

    @Test
    void aBrokenChangeKeepsThePreviousVersionRunning() throws Exception {
        Path file = Files.writeString(folder.resolve("hello.yaml"), HELLO);
        routes.start(null);

        Files.writeString(file, HELLO.replace("direct:hello", "nosuchcomponent:hello"));
        routes.scan();

        RouteFileStatus status = status("hello.yaml");
        assertThat(status.state()).isEqualTo(RouteFileStatus.State.REJECTED);
        assertThat(status.routeIds()).containsExactly("hello");
        assertThat(camel.createProducerTemplate().requestBody("direct:hello", "again", String.class))
                .isEqualTo("hello again");
    }

    @Test
    void aFixedChangeReplacesTheRouteAndARemovedFileStopsIt() throws Exception {
        Path file = Files.writeString(folder.resolve("hello.yaml"), HELLO);
        routes.start(null);

        Files.writeString(file, HELLO.replace("hello ${body}", "你好 ${body}"));
        routes.scan();
        assertThat(camel.createProducerTemplate().requestBody("direct:hello", "Alice", String.class))
                .isEqualTo("你好 Alice");

        Files.delete(file);
        routes.scan();
        assertThat(camel.getRoute("hello")).isNull();
        assertThat(routes.statuses()).isEmpty();
        assertThat(audit.actions()).contains("route-file.remove");
    }

    @Test
    void routeIdsMustBeGivenAndUnique() throws Exception {
        Files.writeString(folder.resolve("a.yaml"), HELLO);
        Files.writeString(folder.resolve("b.yaml"), HELLO.replace("direct:hello", "direct:other"));
        Files.writeString(folder.resolve("c.yaml"), """
                - route:
                    from:
                      uri: direct:anonymous
                      steps:
                        - log: "no id"
                """);

        routes.start(null);

        assertThat(status("a.yaml").state()).isEqualTo(RouteFileStatus.State.LOADED);
        assertThat(status("b.yaml").error()).isEqualTo("route id hello is already used by route file a.yaml");
        assertThat(status("c.yaml").error()).isEqualTo("every route needs an id");
    }

    /** Issue 12, item 18: every loaded file is in the audit trail with its digest. */
    @Test
    void eachLoadedFileIsAuditedWithItsSha256() throws Exception {
        Files.writeString(folder.resolve("hello.yaml"), HELLO);

        routes.start(null);

        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(HELLO.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(audit.events()).filteredOn(event -> event.action().equals("route-file.load"))
                .singleElement().satisfies(event ->
                        assertThat(event.details()).containsEntry("sha256", expected));
    }

    /** Issue 12, item 18: failed before the fix, which loaded routes from any folder. */
    @Test
    void aRouteFolderOthersMayWriteStopsTheStartNamingThePath() throws Exception {
        Files.writeString(folder.resolve("hello.yaml"), HELLO);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxr-x"));

        assertThatThrownBy(() -> routes.start(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(folder.toAbsolutePath().normalize() + " is writable by its group");
        assertThat(camel.getRoute("hello")).isNull();
        assertThat(audit.actions()).containsExactly("route-folder.refuse");
    }

    /** Issue 12, item 18: failed before the fix, which ran a file anyone could have changed. */
    @Test
    void aFileAnyoneMayWriteIsRejectedAndNothingOfItRuns() throws Exception {
        Path file = Files.writeString(folder.resolve("hello.yaml"), HELLO);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        routes.start(null);

        assertThat(status("hello.yaml").state()).isEqualTo(RouteFileStatus.State.REJECTED);
        assertThat(status("hello.yaml").error()).contains(file + " is writable by every user");
        assertThat(camel.getRoute("hello")).isNull();
        assertThat(audit.actions()).contains("route-file.reject");
    }

    @Test
    void aFileInASubfolderItsGroupMayWriteIsRejected() throws Exception {
        Path team = Files.createDirectories(folder.resolve("team"));
        Files.writeString(team.resolve("hello.yaml"), HELLO);
        Files.setPosixFilePermissions(team, PosixFilePermissions.fromString("rwxrwx---"));

        routes.start(null);

        assertThat(status("team/hello.yaml").error()).contains(team + " is writable by its group");
        assertThat(camel.getRoute("hello")).isNull();
    }

    /** Issue 12, item 18: failed before the fix, which ran another user's file. */
    @Test
    void aFileAnotherUserOwnsIsRejected() throws Exception {
        Path file = Files.writeString(folder.resolve("hello.yaml"), HELLO);
        if (System.getProperty("user.name").equals("root")) {
            // Root may own route files, and only root can give a file away.
            Files.setOwner(file, folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody"));
        }
        RouteFolderTrust trust = new RouteFolderTrust("workspace-service");

        assertThat(trust.distrust(folder, file)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith(file + " belongs to ").endsWith("not to workspace-service (the "
                        + "workspace's user) or root"));
    }

    private RouteFileStatus status(String file) {
        return routes.statuses().stream().filter(status -> status.file().equals(file)).findFirst()
                .orElseThrow();
    }
}

package org.agencyworkspace.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.agencyworkspace.config.EmbeddedDatabaseConfiguration;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakUser;
import org.agencyworkspace.support.ProvisioningStack;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.StackEnvironment;

/**
 * Issue 22's crash harness: starts the built workspace jar (as {@code bin/workspace run} does,
 * with its own data folder, a free port, the stack's Keycloak and Elasticsearch and a GreenMail
 * in this JVM), drives real work at it — SCIM joiners and leavers provisioned into Keycloak,
 * notices dropped into its watched folder and mailed to every member of staff, uploads over the
 * HTTP API, and the audit events all of that makes shipped to Elasticsearch under an index
 * prefix of this run — and kills it with SIGKILL at a random (seeded) moment, restarts it, and
 * repeats. At the end it lets the last start catch up, stops it, and counts: every audit event in
 * Elasticsearch exactly once and {@code audit verify} intact; every identity change applied in
 * Keycloak as the last acknowledged change says; every notice mailed once per person and every
 * Message-ID received once; every acknowledged upload there with its bytes; no half-written
 * file visible. Clients retry what was not acknowledged, as real ones do.
 */
public final class CrashHarness {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> DEMO_STAFF = List.of("alice", "bob", "carol", "dave", "erin");
    static final String PASSWORD = "Crash-Harness-2026";
    static final String MAIL_DOMAIN = "agency.test";

    /** One run's figures. */
    public record Result(String database, long seed, int cycles, int auditEvents, int auditLost,
            int auditDoubled, boolean chainIntact, String chainReport, int identityChanges,
            int identityWrong, int identityDuplicated, int notices, int mails, int messagesLost,
            int messagesDoubled, int uploads, int uploadsLost, int halfWritten, int leftoverPartials,
            List<Duration> recoveries) {

        public int lost() {
            return auditLost + identityWrong + messagesLost + uploadsLost;
        }

        public int doubled() {
            return auditDoubled + identityDuplicated + messagesDoubled + halfWritten;
        }

        public Duration recovery(double quantile) {
            List<Duration> sorted = recoveries.stream().sorted().toList();
            return sorted.isEmpty() ? Duration.ZERO
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
        }

        public String summary() {
            return ("%s: seed %d, %d cycles; audit %d events, %d lost, %d doubled, chain %s; identity %d "
                    + "changes, %d wrong, %d duplicated; messages %d notices, %d mails, %d lost, %d doubled; "
                    + "uploads %d, %d lost, %d half-written visible (%d partials left hidden); recovery p50 %d ms, p95 %d ms")
                    .formatted(database, seed, cycles, auditEvents, auditLost, auditDoubled,
                            chainIntact ? "intact" : "BROKEN", identityChanges, identityWrong,
                            identityDuplicated, notices, mails, messagesLost, messagesDoubled, uploads,
                            uploadsLost, halfWritten, leftoverPartials, recovery(0.5).toMillis(),
                            recovery(0.95).toMillis());
        }
    }

    private final String database;
    private final int cycles;
    private final long seed;
    private final Random random;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path jar = StackEnvironment.repositoryRoot().resolve("integration-routes/target/agency-workspace.jar");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final KeycloakAdmin keycloak = ProvisioningStack.keycloak();
    private final String elasticsearch = StackEnvironment.require("WORKSPACE_ELASTICSEARCH_URL");
    private final String scimToken = "crash-" + UUID.randomUUID();
    private final String prefix = "crash-" + run;
    private final Path dataDir;
    private final int port;
    private final URI base;
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig());
    private final PostgresTestSchema schema = new PostgresTestSchema();

    private final LocalLogins logins;
    private volatile boolean up;
    /** How many times the workspace has been started: a session lives for one start. */
    private final AtomicInteger starts = new AtomicInteger();
    private volatile boolean stopping;
    private Process workspace;

    // What the clients were told (2xx) and what they still have to retry.
    private final Map<String, Boolean> identityAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> scimIds = new ConcurrentHashMap<>();
    private final AtomicInteger identityChanges = new AtomicInteger();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Map<String, String> uploadsAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> uploadsTried = new ConcurrentHashMap<>();
    private final List<Duration> recoveries = new ArrayList<>();

    /** @param database {@code h2} or {@code postgres} */
    public CrashHarness(String database, int cycles, long seed, Path workDir) {
        if (!database.equals("h2") && !database.equals("postgres")) {
            throw new IllegalArgumentException("database is h2 or postgres, not " + database);
        }
        this.database = database;
        this.cycles = cycles;
        this.seed = seed;
        this.random = new Random(seed);
        this.dataDir = workDir.resolve("crash-" + database + "-" + run);
        this.port = freePort();
        this.base = URI.create("http://127.0.0.1:" + port);
        this.logins = new LocalLogins(base, PASSWORD, dataDir);
    }

    /** Runs the cycles and the final check; the workspace is stopped and the run's traces removed after. */
    public Result run() throws Exception {
        System.out.printf("crash harness (%s): seed %d, %d cycles, run %s, data %s%n", database, seed, cycles, run, dataDir);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no workspace jar at " + jar + ": build it first (./mvnw -DskipTests package)");
        }
        smtp.start();
        Files.createDirectories(dataDir.resolve("routes"));
        Files.setPosixFilePermissions(dataDir.resolve("routes"), PosixFilePermissions.fromString("rwx------"));
        Files.copy(StackEnvironment.repositoryRoot().resolve("routes/notice-board.yaml"),
                dataDir.resolve("routes/notice-board.yaml"));
        List<Thread> clients = List.of(new Thread(this::identityClient, "crash-scim"),
                new Thread(this::noticeClient, "crash-notices"), new Thread(this::uploadClient, "crash-uploads"));
        clients.forEach(Thread::start);
        try {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                start();
                // A random moment of work, then the kill: anywhere in the clients' requests.
                long workMillis = 1000 + random.nextInt(5000);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(workMillis));
                up = false;
                workspace.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                System.out.printf("crash harness (%s): cycle %d killed after %d ms of work%n", database, cycle, workMillis);
            }
            start();
            stopping = true;
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(2).toMillis());
            }
            awaitCaughtUp();
            return check();
        } finally {
            stopping = true;
            up = false;
            if (workspace != null && workspace.isAlive()) {
                workspace.destroy();
                workspace.waitFor(60, TimeUnit.SECONDS);
            }
            smtp.stop();
            removeTraces();
        }
    }

    // ---- the workspace process ------------------------------------------------------------

    private void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // Faster starts on a busy machine; a kill is the same whichever compiler ran.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.port=" + port,
                "--workspace.data-dir=" + dataDir,
                "--workspace.log-dir=" + dataDir.resolve("logs"),
                "--workspace.routes.folder=" + dataDir.resolve("routes"),
                "--workspace.security.local.initial-password=" + PASSWORD,
                "--workspace.identity.scim.bearer-token=" + scimToken,
                "--workspace.connectors.elasticsearch.url=" + elasticsearch,
                "--workspace.connectors.elasticsearch.index-prefix=" + prefix,
                "--workspace.mail.host=127.0.0.1",
                "--workspace.mail.port=" + smtp.getSmtp().getPort(),
                "--workspace.mail.security=none",
                "--workspace.mail.from=workspace@" + MAIL_DOMAIN,
                "--workspace.messaging.default-preference=mail",
                "--workspace.messaging.poll-interval=200ms",
                "--workspace.retry.initial-delay=50ms"));
        for (String name : List.of("base-url", "realm", "service-account-client-id", "service-account-client-secret")) {
            String variable = switch (name) {
                case "base-url" -> "WORKSPACE_KEYCLOAK_URL";
                case "realm" -> "WORKSPACE_KEYCLOAK_REALM";
                case "service-account-client-id" -> "WORKSPACE_CONNECTOR_CLIENT_ID";
                default -> "WORKSPACE_CONNECTOR_CLIENT_SECRET";
            };
            command.add("--workspace.connectors.keycloak." + name + "=" + StackEnvironment.require(variable));
        }
        command.addAll(databaseArguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("workspace.out").toFile()));
        // Only what this run sets: no stack variable of the caller's shell switches anything on.
        builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACE_") || name.startsWith("SPRING_"));
        builder.environment().put("WORKSPACE_DEMO", "true");
        long started = System.nanoTime();
        workspace = builder.start();
        long deadline = started + TimeUnit.MINUTES.toNanos(8);
        while (!ready()) {
            if (!workspace.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the workspace did not start (see " + dataDir.resolve("workspace.out") + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        recoveries.add(Duration.ofNanos(System.nanoTime() - started));
        starts.incrementAndGet();
        up = true;
    }

    private List<String> databaseArguments() {
        if (database.equals("h2")) {
            return List.of();
        }
        return List.of("--spring.datasource.url=" + StackEnvironment.require("WORKSPACE_POSTGRES_URL")
                        + "?currentSchema=" + schema.name(),
                "--spring.datasource.username=" + StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                "--spring.datasource.password=" + StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"),
                "--spring.flyway.schemas=" + schema.name());
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- the clients ------------------------------------------------------------------------

    /** A provisioning client: joiners, leavers and returners; a change not acknowledged is sent again. */
    private void identityClient() {
        Random choices = new Random(seed + 1);
        String pending = null;
        boolean pendingActive = true;
        int joined = 0;
        while (!stopping || pending != null) {
            if (!awaitUp()) {
                continue;
            }
            if (pending == null) {
                List<String> known = new ArrayList<>(identityAcknowledged.keySet());
                if (known.isEmpty() || choices.nextInt(3) == 0) {
                    pending = "crash" + run + "-" + ++joined;
                    pendingActive = true;
                } else {
                    pending = known.get(choices.nextInt(known.size()));
                    pendingActive = !identityAcknowledged.get(pending);
                }
            }
            try {
                if (applied(pending, pendingActive)) {
                    identityAcknowledged.put(pending, pendingActive);
                    identityChanges.incrementAndGet();
                    pending = null;
                }
            } catch (IOException | RuntimeException e) {
                pause(); // the workspace is gone mid-request: send it again after the restart
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean applied(String login, boolean active) throws IOException, InterruptedException {
        String id = scimIds.get(login);
        if (id == null) {
            HttpResponse<String> created = scim("POST", "/scim/v2/Users", joiner(login));
            if (created.statusCode() == 201) {
                scimIds.put(login, JSON.readTree(created.body()).get("id").asText());
                return true;
            }
            if (created.statusCode() != 409) {
                return false;
            }
            // Created before the kill took the answer: find it, as a provisioning client would.
            HttpResponse<String> found = scim("GET", "/scim/v2/Users?filter="
                    + URLEncoder.encode("userName eq \"" + login + "\"", StandardCharsets.UTF_8), null);
            JsonNode resources = JSON.readTree(found.body()).path("Resources");
            if (found.statusCode() != 200 || resources.size() != 1) {
                return false;
            }
            scimIds.put(login, resources.get(0).get("id").asText());
            id = scimIds.get(login);
            if (active) {
                return true;
            }
        }
        HttpResponse<String> patched = scim("PATCH", "/scim/v2/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":%s}]}""".formatted(active));
        return patched.statusCode() == 200;
    }

    private static String joiner(String login) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:agency-workspace:params:scim:schemas:extension:2.0:User"],
                 "userName": "%s", "externalId": "hr-%s",
                 "name": {"givenName": "Crash", "familyName": "Harness"},
                 "emails": [{"value": "%s@%s", "primary": true}],
                 "active": true,
                 "roles": [{"value": "staff"}],
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance": "unmarked", "departments": ["general-affairs"], "displayNameZh": "測試"}}
                """.formatted(login, login, login, MAIL_DOMAIN);
    }

    private HttpResponse<String> scim(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + scimToken).header("Content-Type", "application/scim+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Drops a notice into the watched folder now and then, written aside and renamed into place. */
    private void noticeClient() {
        Path folder = dataDir.resolve("notices");
        int n = 0;
        while (!stopping) {
            if (!awaitUp()) {
                continue;
            }
            String title = "crash-" + run + "-notice-" + ++n;
            try {
                Files.createDirectories(folder);
                Path aside = folder.resolve("." + title + ".tmp");
                Files.writeString(aside, "Crash harness notice " + n, StandardCharsets.UTF_8);
                Files.move(aside, folder.resolve(title + ".txt"), StandardCopyOption.ATOMIC_MOVE);
                notices.add(title);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));
        }
    }

    /** A signed-in person uploading files one after another; a failed upload is tried again. */
    private void uploadClient() {
        Random contents = new Random(seed + 2);
        int n = 0;
        int signIns = 0;
        BrowserSession session = null;
        String csrfHeader = null;
        String csrfToken = null;
        int signedInAt = -1;
        String pendingPath = null;
        byte[] pendingBytes = null;
        while (!stopping || pendingPath != null) {
            if (!awaitUp()) {
                continue;
            }
            try {
                if (signedInAt != starts.get()) {
                    session = new BrowserSession("en");
                    String login = DEMO_STAFF.get(signIns++ % DEMO_STAFF.size());
                    logins.signIn(session, login);
                    var page = session.get(base.resolve("/files")).html();
                    csrfHeader = page.selectFirst("meta[name=csrf-header]").attr("content");
                    csrfToken = page.selectFirst("meta[name=csrf-token]").attr("content");
                    signedInAt = starts.get();
                }
                if (pendingPath == null) {
                    pendingPath = "/crash-" + run + "/upload-" + ++n + ".bin";
                    pendingBytes = new byte[16 * 1024 + contents.nextInt(512 * 1024)];
                    contents.nextBytes(pendingBytes);
                    uploadsTried.put(pendingPath, sha256(pendingBytes));
                }
                URI target = base.resolve("/api/files/upload?path=" + URLEncoder.encode(pendingPath, StandardCharsets.UTF_8));
                HttpResponse<String> response = session.send(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(30)).header(csrfHeader, csrfToken)
                        .header("Accept", "application/json").header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pendingBytes)), target);
                if (response.statusCode() / 100 == 2) {
                    uploadsAcknowledged.put(pendingPath, sha256(pendingBytes));
                    pendingPath = null;
                } else if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() / 100 == 3) {
                    signedInAt = -1; // the session went with the process
                }
            } catch (RuntimeException | AssertionError e) {
                signedInAt = -1;
                pause();
            }
        }
    }

    /** Waits while the workspace is down; false when the caller should look at its loop condition again. */
    private boolean awaitUp() {
        if (up) {
            return true;
        }
        pause();
        return false;
    }

    private static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }

    // ---- catching up and checking -------------------------------------------------------------

    private void awaitCaughtUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        BooleanSupplier caughtUp = () -> {
            try {
                return noticesWaiting() == 0 && outboxWaiting() == 0
                        && elasticsearchCount() == auditIds().size() && identityWrong() == 0;
            } catch (Exception e) {
                return false;
            }
        };
        while (!caughtUp.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.printf("crash harness (%s): not caught up after 5 minutes; checking as it is%n", database);
                return;
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    private long noticesWaiting() throws IOException {
        try (var files = Files.list(dataDir.resolve("notices"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".txt")).count();
        }
    }

    private Result check() throws Exception {
        // Files as a person sees them, before the stop: the listing of the run's folder.
        Set<String> listed = listedUploads();
        workspace.destroy();
        workspace.waitFor(2, TimeUnit.MINUTES);
        up = false;

        // Audit: every row in Elasticsearch exactly once, and the chain intact.
        List<String> ids = auditIds();
        Map<String, Integer> shipped = elasticsearchIds();
        int auditLost = (int) ids.stream().filter(id -> !shipped.containsKey(id)).count();
        int auditDoubled = (int) shipped.values().stream().filter(count -> count > 1).count()
                + (int) shipped.keySet().stream().filter(id -> !new HashSet<>(ids).contains(id)).count();
        String chainReport = auditVerify();
        boolean chainIntact = chainReport.startsWith("0:");

        // Identities: each login once in Keycloak, enabled as the last acknowledged change says.
        int identityWrong = identityWrong();
        int identityDuplicated = 0;
        for (String login : identityAcknowledged.keySet()) {
            long same = keycloak.allUsers(new org.agencyworkspace.connector.keycloak.KeycloakUserQuery(login, 0, 50))
                    .filter(user -> user.username().equals(login)).count();
            if (same > 1) {
                identityDuplicated++;
            }
        }

        // Messages: each notice published once, mailed once to each member of staff; each
        // Message-ID received once.
        Map<String, Integer> byMessageId = new HashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            byMessageId.merge(messageId(mail) + " to " + recipients(mail), 1, Integer::sum);
        }
        Map<String, List<String>> outboxByTitle = noticeOutbox();
        int messagesLost = 0;
        int messagesDoubled = (int) byMessageId.values().stream().filter(count -> count > 1).count();
        for (String title : notices) {
            List<String> outboxIds = outboxByTitle.getOrDefault(title, List.of());
            if (outboxIds.size() > 1) {
                messagesDoubled += outboxIds.size() - 1;
            }
            for (String login : DEMO_STAFF) {
                long received = outboxIds.stream().filter(id -> byMessageId.containsKey(
                        "<" + id + "." + login + "@" + MAIL_DOMAIN + "> to " + login + "@" + MAIL_DOMAIN)).count();
                if (received == 0) {
                    messagesLost++;
                }
            }
        }

        // Uploads: every acknowledged one there with its bytes; nothing visible that is not a
        // whole upload.
        Path store = dataDir.resolve("files").resolve("crash-" + run);
        int uploadsLost = 0;
        for (var upload : uploadsAcknowledged.entrySet()) {
            Path file = store.resolve(upload.getKey().substring(upload.getKey().lastIndexOf('/') + 1));
            if (!Files.isRegularFile(file) || !sha256(Files.readAllBytes(file)).equals(upload.getValue())) {
                uploadsLost++;
            }
        }
        int halfWritten = 0;
        for (String path : listed) {
            Path file = store.resolve(path.substring(path.lastIndexOf('/') + 1));
            String tried = uploadsTried.get(path);
            if (tried == null || !Files.isRegularFile(file) || !sha256(Files.readAllBytes(file)).equals(tried)) {
                halfWritten++;
            }
        }
        int partials;
        try (var files = Files.list(store)) {
            partials = (int) files.filter(file -> file.getFileName().toString().startsWith(".aw-")).count();
        }
        Result result = new Result(database, seed, cycles, ids.size(), auditLost, auditDoubled, chainIntact,
                chainReport, identityChanges.get(), identityWrong, identityDuplicated, notices.size(),
                smtp.getReceivedMessages().length, messagesLost, messagesDoubled, uploadsAcknowledged.size(),
                uploadsLost, halfWritten, partials, List.copyOf(recoveries));
        System.out.println("crash harness " + result.summary());
        // Kept after the run (the data folder is a temporary one): target/crash-harness/ of the module.
        Path summaries = Files.createDirectories(Path.of("target", "crash-harness"));
        Files.writeString(summaries.resolve("crash-" + database + "-" + run + ".txt"), result.summary() + "\n");
        return result;
    }

    private int identityWrong() {
        int wrong = 0;
        for (var expected : identityAcknowledged.entrySet()) {
            KeycloakUser user = keycloak.findUserByUsername(expected.getKey()).orElse(null);
            if (user == null || user.enabled() != expected.getValue()) {
                wrong++;
            }
        }
        return wrong;
    }

    private Set<String> listedUploads() throws IOException {
        BrowserSession session = new BrowserSession("en");
        logins.signIn(session, "alice");
        URI listing = base.resolve("/api/files?path=" + URLEncoder.encode("/crash-" + run, StandardCharsets.UTF_8));
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(listing)
                .header("Accept", "application/json").GET(), listing);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot list the uploads: " + response.statusCode() + " " + response.body());
        }
        Set<String> paths = new HashSet<>();
        JsonNode body = JSON.readTree(response.body());
        for (JsonNode entry : body.isArray() ? body : body.path("entries")) {
            paths.add(entry.get("path").asText());
        }
        return paths;
    }

    private String auditVerify() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "audit", "verify",
                "--workspace.data-dir=" + dataDir, "--workspace.log-dir=" + dataDir.resolve("logs")));
        command.addAll(databaseArguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACE_") || name.startsWith("SPRING_"));
        Process verify = builder.start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = verify.waitFor();
        String last = output.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
        return status + ": " + last.strip();
    }

    private Connection connect() throws SQLException {
        if (database.equals("h2")) {
            var settings = EmbeddedDatabaseConfiguration.embedded(dataDir);
            return DriverManager.getConnection(settings.url(), settings.username(), settings.password());
        }
        Connection connection = DriverManager.getConnection(StackEnvironment.require("WORKSPACE_POSTGRES_URL")
                        + "?currentSchema=" + schema.name(), StackEnvironment.require("WORKSPACE_POSTGRES_USER"),
                StackEnvironment.require("WORKSPACE_POSTGRES_PASSWORD"));
        return connection;
    }

    private List<String> auditIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM audit_event")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private int outboxWaiting() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM message_outbox WHERE status = 'PENDING'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The notices' outbox rows by title. */
    private Map<String, List<String>> noticeOutbox() throws SQLException, IOException {
        Map<String, List<String>> byTitle = new TreeMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT id, parameters FROM message_outbox WHERE template_key = 'notice.published'")) {
            while (rows.next()) {
                String title = JSON.readTree(rows.getString(2)).path("title").asText();
                byTitle.computeIfAbsent(title, key -> new ArrayList<>()).add(rows.getString(1));
            }
        }
        return byTitle;
    }

    private long elasticsearchCount() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + prefix
                + "-audit-*/_count")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()).get("count").asLong() : -1;
    }

    /** Every audit document's event id in the run's indices, with how often it is there. */
    private Map<String, Integer> elasticsearchIds() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + prefix + "-audit-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        // A point in time over the run's indices, paged in _shard_doc order (sorting on _id is
        // refused by Elasticsearch), so a doubled event is seen however its copies are spread.
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + prefix
                + "-audit-*/_pit?keep_alive=2m")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (opened.statusCode() != 200) {
            throw new IllegalStateException("Elasticsearch point in time failed: " + opened.body());
        }
        String pit = JSON.readTree(opened.body()).get("id").asText();
        Map<String, Integer> ids = new HashMap<>();
        JsonNode after = null;
        while (true) {
            String body = "{\"size\":5000,\"_source\":[\"event.id\"],\"pit\":{\"id\":" + JSON.writeValueAsString(pit)
                    + ",\"keep_alive\":\"2m\"},\"sort\":[{\"_shard_doc\":\"asc\"}]"
                    + (after == null ? "" : ",\"search_after\":" + after) + "}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch search failed: " + response.body());
            }
            JsonNode hits = JSON.readTree(response.body()).path("hits").path("hits");
            if (hits.isEmpty()) {
                return ids;
            }
            for (JsonNode hit : hits) {
                String id = hit.path("_source").path("event").path("id").asText(hit.get("_id").asText());
                ids.merge(id, 1, Integer::sum);
            }
            after = hits.get(hits.size() - 1).get("sort");
        }
    }

    private void removeTraces() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + prefix + "-*?expand_wildcards=all"))
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            for (String login : identityAcknowledged.keySet()) {
                keycloak.findUserByUsername(login).ifPresent(user -> keycloak.deleteUser(user.id()));
            }
            if (database.equals("postgres")) {
                schema.drop();
            }
        } catch (Exception e) {
            System.out.println("crash harness: could not remove the run's traces: " + e);
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage mail) {
        try {
            return String.valueOf(mail.getAllRecipients()[0]);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

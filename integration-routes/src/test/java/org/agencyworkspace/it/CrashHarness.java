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
import java.util.TreeSet;
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
    static final String STOP_CUT_SHORT = "stop cut short";
    /** The java command and options up to the workspace's arguments, per jar: made once per JVM. */
    private static final Map<Path, List<String>> LAUNCHERS = new HashMap<>();

    /**
     * One invariant's figures: what the clients attempted (requests sent, retries included, or
     * items made), what the workspace acknowledged, what is there at the end, lost and doubled.
     */
    public record Count(String what, int attempted, int acknowledged, int found, int lost, int doubled) {
    }

    /** One run's figures. */
    public record Result(String database, long seed, int cycles, List<Count> counts, boolean chainIntact,
            String chainReport, int leftoverPartials, int vanished, int mailsResent, Map<String, Integer> killsByPhase,
            List<Duration> recoveries, Duration plainRecovery, Duration elapsed) {

        public int lost() {
            return counts.stream().mapToInt(Count::lost).sum() + vanished;
        }

        public int doubled() {
            return counts.stream().mapToInt(Count::doubled).sum();
        }

        public Duration recovery(double quantile) {
            List<Duration> sorted = recoveries.stream().sorted().toList();
            return sorted.isEmpty() ? Duration.ZERO
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
        }

        public String summary() {
            StringBuilder summary = new StringBuilder("%s: seed %d, %d cycles; ".formatted(database, seed, cycles));
            for (Count count : counts) {
                summary.append("%s %d attempted, %d acknowledged, %d found, %d lost, %d doubled; ".formatted(count.what(),
                        count.attempted(), count.acknowledged(), count.found(), count.lost(), count.doubled()));
            }
            return summary.append(("audit chain %s; %d restarts with committed rows vanished; %d partial uploads left hidden; "
                    + "%d mails received again under the same Message-ID; ")
                    .formatted(chainIntact ? "intact" : "BROKEN (" + chainReport + ")", vanished, leftoverPartials, mailsResent))
                    .append("kills %s; recovery p50 %d ms, p95 %d ms; the plain jar's start beside them %d ms".formatted(
                            killsByPhase, recovery(0.5).toMillis(), recovery(0.95).toMillis(), plainRecovery.toMillis()))
                    .toString();
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
    /** The java command and options every start of the run uses, up to the workspace's arguments. */
    private List<String> launcher;
    private long began;

    // What the clients were told (2xx) and what they still have to retry.
    private final Map<String, Boolean> identityAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> scimIds = new ConcurrentHashMap<>();
    private final AtomicInteger identityChanges = new AtomicInteger();
    private final AtomicInteger scimRequests = new AtomicInteger();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Map<String, String> uploadsAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, String> uploadsTried = new ConcurrentHashMap<>();
    private final List<Duration> recoveries = new ArrayList<>();
    private final Map<String, Integer> killsByPhase = new TreeMap<>();
    /** Restarts after which fewer accounts or audit rows were there than before the kill. */
    private final AtomicInteger vanished = new AtomicInteger();
    private volatile boolean scimInFlight;
    private volatile boolean uploadInFlight;
    private String lastUploadProblem;
    /** The start in which the uploading person last signed in. */
    private volatile int uploaderSignedIn = -1;

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
        began = System.nanoTime();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no workspace jar at " + jar + ": build it first (./mvnw -DskipTests package)");
        }
        smtp.start();
        Files.createDirectories(dataDir.resolve("routes"));
        Files.setPosixFilePermissions(dataDir.resolve("routes"), PosixFilePermissions.fromString("rwx------"));
        Files.copy(StackEnvironment.repositoryRoot().resolve("routes/notice-board.yaml"),
                dataDir.resolve("routes/notice-board.yaml"));
        launcher = launcher();
        List<Thread> clients = List.of(new Thread(this::identityClient, "crash-scim"),
                new Thread(this::noticeClient, "crash-notices"), new Thread(this::uploadClient, "crash-uploads"));
        clients.forEach(Thread::start);
        try {
            Committed before = new Committed(0, 0);
            for (int cycle = 1; cycle <= cycles; cycle++) {
                start();
                checkNothingVanished(before);
                awaitUploaderSignedIn();
                // A random moment of work, then the kill: anywhere in the clients' requests.
                long workMillis = 1000 + random.nextInt(5000);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(workMillis));
                Set<String> phases = phasesNow();
                before = committed();
                // One stop in five is a SIGTERM cut short by a SIGKILL 0–2 s later: the kill then
                // falls in the workspace's drain or in H2's close on exit.
                boolean cutShort = random.nextInt(5) == 0;
                long graceMillis = random.nextInt(2000);
                up = false;
                if (cutShort) {
                    workspace.destroy();
                    workspace.waitFor(graceMillis, TimeUnit.MILLISECONDS);
                    phases.add(STOP_CUT_SHORT);
                }
                workspace.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                phases.forEach(phase -> killsByPhase.merge(phase, 1, Integer::sum));
                System.out.printf("crash harness (%s): cycle %d killed after %d ms of work%s during %s%n", database, cycle,
                        workMillis, cutShort ? " (SIGTERM, SIGKILL " + graceMillis + " ms later)" : "", phases);
            }
            start();
            checkNothingVanished(before);
            // The last start works a while too before the clients finish what they have begun.
            awaitUploaderSignedIn();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1000 + random.nextInt(5000)));
            stopping = true;
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(2).toMillis());
            }
            long caughtUp = System.nanoTime();
            // Files as a person sees them, before the stop; the sign-in's audit events are then
            // shipped in the catch-up like all the others.
            Set<String> listed = listedUploads();
            awaitCaughtUp();
            System.out.printf("crash harness (%s): clients done and caught up in %d ms%n", database,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - caughtUp));
            return check(listed);
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
        List<String> command = new ArrayList<>(launcher);
        command.addAll(workspaceArguments(dataDir, prefix));
        command.addAll(databaseArguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("workspace.out").toFile()));
        isolate(builder);
        long started = System.nanoTime();
        workspace = builder.start();
        long deadline = started + TimeUnit.MINUTES.toNanos(8);
        while (!ready()) {
            if (!workspace.isAlive() || System.nanoTime() > deadline) {
                // The data folder goes with the run: keep the end of the log in the test's output.
                List<String> log = Files.readAllLines(dataDir.resolve("workspace.out"), StandardCharsets.UTF_8);
                System.out.printf("crash harness (%s): start %d failed; the end of its log:%n%s%n", database,
                        starts.get() + 1, String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size())));
                throw new IllegalStateException("the workspace did not start (see " + dataDir.resolve("workspace.out") + ")");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - started);
        recoveries.add(recovery);
        System.out.printf("crash harness (%s): start %d ready in %d ms%n", database, starts.get() + 1, recovery.toMillis());
        starts.incrementAndGet();
        up = true;
    }

    /** Only what this run sets: no stack variable of the caller's shell switches anything on. */
    private static void isolate(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACE_") || name.startsWith("SPRING_"));
        builder.environment().put("WORKSPACE_DEMO", "true");
    }

    /**
     * Makes the run's starts cheap: the jar extracted once (classes in plain jars, which class-data
     * sharing can map; the nested jars of the executable jar it cannot) and a class-data archive
     * recorded by one training start that stops once its context is up. Every start of the run
     * then maps the classes instead of loading and verifying them. What runs is the same build.
     */
    private List<String> launcher() throws IOException, InterruptedException {
        // One archive serves every harness of the JVM (both databases of a parallel run): the
        // training start is on H2 in a folder of its own whichever database the harness runs.
        synchronized (LAUNCHERS) {
            List<String> made = LAUNCHERS.get(jar);
            if (made == null) {
                made = prepareLauncher();
                LAUNCHERS.put(jar, made);
            }
            return made;
        }
    }

    private List<String> prepareLauncher() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Faster starts on a busy machine; a kill is the same whichever compiler ran.
        List<String> options = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto");
        Path app = dataDir.resolveSibling("app-" + run);
        long started = System.nanoTime();
        Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", app.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("could not extract " + jar + " (java -Djarmode=tools -jar ... extract)");
        }
        Path extracted = app.resolve(jar.getFileName());
        Path archive = app.resolve("workspace.jsa");
        Path training = app.resolve("training");
        Files.createDirectories(training.resolve("routes"));
        Files.setPosixFilePermissions(training.resolve("routes"), PosixFilePermissions.fromString("rwx------"));
        List<String> command = new ArrayList<>(options);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                "-jar", extracted.toString()));
        // On H2 in a folder of its own and under an index prefix of its own: nothing it does is
        // counted with the run's work.
        command.addAll(workspaceArguments(training, prefix + "-training"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(training.toFile()).redirectErrorStream(true)
                .redirectOutput(training.resolve("workspace.out").toFile());
        isolate(builder);
        Process trainer = builder.start();
        if (!trainer.waitFor(8, TimeUnit.MINUTES) || !Files.isRegularFile(archive)) {
            trainer.destroyForcibly();
            throw new IllegalStateException("the class-data training start failed (see " + training.resolve("workspace.out") + ")");
        }
        System.out.printf("crash harness (%s): jar extracted and class-data archive made in %d ms%n", database,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        List<String> launcher = new ArrayList<>(options);
        launcher.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString()));
        return launcher;
    }

    private List<String> workspaceArguments(Path folder, String indexPrefix) {
        List<String> command = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--workspace.data-dir=" + folder,
                "--workspace.log-dir=" + folder.resolve("logs"),
                "--workspace.routes.folder=" + folder.resolve("routes"),
                "--workspace.security.local.initial-password=" + PASSWORD,
                "--workspace.identity.scim.bearer-token=" + scimToken,
                "--workspace.connectors.elasticsearch.url=" + elasticsearch,
                "--workspace.connectors.elasticsearch.index-prefix=" + indexPrefix,
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
        return command;
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

    /**
     * A joiner with no role: not in the group {@code staff} the notices go to, so the mails per
     * notice stay five however many people have joined (with the role, each notice was mailed to
     * every joiner too, thousands of mails a run, and the catch-up outgrew its deadline).
     */
    private static String joiner(String login) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:agency-workspace:params:scim:schemas:extension:2.0:User"],
                 "userName": "%s", "externalId": "hr-%s",
                 "name": {"givenName": "Crash", "familyName": "Harness"},
                 "emails": [{"value": "%s@%s", "primary": true}],
                 "active": true,
                 "urn:agency-workspace:params:scim:schemas:extension:2.0:User":
                   {"clearance": "unmarked", "departments": ["general-affairs"], "displayNameZh": "測試"}}
                """.formatted(login, login, login, MAIL_DOMAIN);
    }

    private HttpResponse<String> scim(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + scimToken).header("Content-Type", "application/scim+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        scimInFlight = true;
        scimRequests.incrementAndGet();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            scimInFlight = false;
        }
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
        String login = null;
        String pendingPath = null;
        byte[] pendingBytes = null;
        while (!stopping || pendingPath != null) {
            if (!awaitUp()) {
                continue;
            }
            try {
                if (signedInAt != starts.get()) {
                    session = new BrowserSession("en");
                    // Another person each start, but an upload not acknowledged is sent again by
                    // the person who sent it: the file may be stored as theirs, which others may
                    // not overwrite.
                    if (pendingPath == null || login == null) {
                        login = DEMO_STAFF.get(signIns++ % DEMO_STAFF.size());
                    }
                    logins.signIn(session, login);
                    var page = session.get(base.resolve("/files")).html();
                    csrfHeader = page.selectFirst("meta[name=csrf-header]").attr("content");
                    csrfToken = page.selectFirst("meta[name=csrf-token]").attr("content");
                    signedInAt = starts.get();
                    uploaderSignedIn = signedInAt;
                }
                if (pendingPath == null) {
                    pendingPath = "/crash-" + run + "/upload-" + ++n + ".bin";
                    pendingBytes = new byte[16 * 1024 + contents.nextInt(512 * 1024)];
                    contents.nextBytes(pendingBytes);
                    uploadsTried.put(pendingPath, sha256(pendingBytes));
                }
                URI target = base.resolve("/api/files/upload?path=" + URLEncoder.encode(pendingPath, StandardCharsets.UTF_8));
                HttpResponse<String> response;
                uploadInFlight = true;
                try {
                    response = session.send(HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(30)).header(csrfHeader, csrfToken)
                            .header("Accept", "application/json").header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(pendingBytes)), target);
                } finally {
                    uploadInFlight = false;
                }
                if (response.statusCode() / 100 == 2) {
                    uploadsAcknowledged.put(pendingPath, sha256(pendingBytes));
                    pendingPath = null;
                } else {
                    uploadProblem("answered " + response.statusCode() + " " + response.body());
                    if (response.statusCode() == 401 || response.statusCode() == 403 || response.statusCode() / 100 == 3) {
                        signedInAt = -1; // the session went with the process
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                if (up) {
                    uploadProblem(e.toString());
                }
                signedInAt = -1;
                pause();
            }
        }
    }

    /** Says what went wrong with an upload while the workspace was up, once until something else goes wrong. */
    private void uploadProblem(String problem) {
        String line = problem.lines().findFirst().orElse("");
        String shown = line.substring(0, Math.min(300, line.length()));
        if (!shown.equals(lastUploadProblem)) {
            lastUploadProblem = shown;
            System.out.printf("crash harness (%s): upload not acknowledged: %s%n", database, shown);
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

    /**
     * The work window of a start begins once the uploading person is signed in again (a session
     * lives for one start): on a busy machine the sign-in alone can take longer than the window,
     * and no upload would ever be under way at a kill.
     */
    private void awaitUploaderSignedIn() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (uploaderSignedIn != starts.get() && System.nanoTime() < deadline) {
            pause();
        }
    }

    /** What was under way at the moment of a kill: the kill counts once for each. */
    private Set<String> phasesNow() {
        Set<String> phases = new TreeSet<>();
        if (scimInFlight) {
            phases.add("SCIM request");
        }
        if (uploadInFlight) {
            phases.add("upload request");
        }
        try {
            if (noticesWaiting() > 0) {
                phases.add("notice in the folder");
            }
            if (outboxWaiting() > 0) {
                phases.add("message in the outbox");
            }
            if (elasticsearchCount() < auditIds().size()) {
                phases.add("audit events unshipped");
            }
        } catch (Exception e) {
            phases.add("(not sampled: " + e.getClass().getSimpleName() + ")");
        }
        return phases;
    }

    /** Cheap per-cycle figures that only grow: a restart that shows fewer lost committed work. */
    private record Committed(int accounts, int auditEvents) {
    }

    private Committed committed() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT (SELECT COUNT(*) FROM local_account), (SELECT COUNT(*) FROM audit_event)")) {
            rows.next();
            return new Committed(rows.getInt(1), rows.getInt(2));
        }
    }

    private void checkNothingVanished(Committed before) throws SQLException {
        Committed after = committed();
        if (after.accounts() < before.accounts() || after.auditEvents() < before.auditEvents()) {
            vanished.incrementAndGet();
            System.out.printf("crash harness (%s): after the restart %s, before the kill %s: committed rows vanished%n",
                    database, after, before);
        }
    }

    private long noticesWaiting() throws IOException {
        try (var files = Files.list(dataDir.resolve("notices"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".txt")).count();
        }
    }

    private Result check(Set<String> listed) throws Exception {
        workspace.destroy();
        workspace.waitFor(2, TimeUnit.MINUTES);
        up = false;

        // Audit: every row in Elasticsearch exactly once, and the chain intact.
        List<String> ids = auditIds();
        Map<String, Integer> shipped = elasticsearchIds();
        int auditLost = (int) ids.stream().filter(id -> !shipped.containsKey(id)).count();
        Set<String> committedIds = new HashSet<>(ids);
        int auditDoubled = (int) shipped.values().stream().filter(count -> count > 1).count()
                + (int) shipped.keySet().stream().filter(id -> !committedIds.contains(id)).count();
        if (auditLost > 0) {
            System.out.printf("crash harness (%s): not in Elasticsearch: %s%n", database,
                    describeAudit(ids.stream().filter(id -> !shipped.containsKey(id)).toList()));
        }
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
        int noticesLost = 0;
        int noticesDoubled = 0;
        int mailsLost = 0;
        int mailsFound = 0;
        // A mail the server accepted just before a kill, not yet recorded as sent, is sent again
        // after the restart under the same Message-ID: SMTP has no way to ask the server what it
        // took. Counted on its own (a store or mail client keeps one per Message-ID); a notice
        // mailed to a person under two Message-IDs is a doubled notice (noticesDoubled).
        List<String> resent = byMessageId.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        if (!resent.isEmpty()) {
            System.out.printf("crash harness (%s): received more than once under one Message-ID: %s%n", database, resent);
        }
        for (String title : notices) {
            List<String> outboxIds = outboxByTitle.getOrDefault(title, List.of());
            if (outboxIds.isEmpty()) {
                noticesLost++;
            }
            noticesDoubled += Math.max(0, outboxIds.size() - 1);
            for (String login : DEMO_STAFF) {
                long received = outboxIds.stream().filter(id -> byMessageId.containsKey(
                        "<" + id + "." + login + "@" + MAIL_DOMAIN + "> to " + login + "@" + MAIL_DOMAIN)).count();
                if (received == 0) {
                    mailsLost++;
                } else {
                    mailsFound++;
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
        int partials = 0;
        // No upload answered before the first kill leaves no folder: nothing half-written either.
        if (Files.isDirectory(store)) {
            try (var files = Files.list(store)) {
                partials = (int) files.filter(file -> file.getFileName().toString().startsWith(".aw-")).count();
            }
        }
        List<Count> counts = List.of(
                new Count("audit events", ids.size(), ids.size(),
                        (int) shipped.keySet().stream().filter(committedIds::contains).count(), auditLost, auditDoubled),
                new Count("identity changes", scimRequests.get(), identityChanges.get(),
                        identityAcknowledged.size() - identityWrong, identityWrong, identityDuplicated),
                new Count("notices", notices.size(), notices.size(), notices.size() - noticesLost, noticesLost,
                        noticesDoubled),
                new Count("mails", notices.size() * DEMO_STAFF.size(), notices.size() * DEMO_STAFF.size(), mailsFound,
                        mailsLost, 0),
                new Count("uploads", uploadsTried.size(), uploadsAcknowledged.size(),
                        uploadsAcknowledged.size() - uploadsLost, uploadsLost, halfWritten));
        Duration plain = plainStart();
        Result result = new Result(database, seed, cycles, counts, chainIntact, chainReport, partials, vanished.get(), resent.size(),
                Map.copyOf(killsByPhase), List.copyOf(recoveries), plain, Duration.ofNanos(System.nanoTime() - began));
        System.out.println("crash harness " + result.summary());
        // Kept after the run (the data folder is a temporary one): target/crash-harness/ of the module.
        Path summaries = Files.createDirectories(Path.of("target", "crash-harness"));
        Files.writeString(summaries.resolve("crash-" + database + "-" + run + ".txt"), result.summary() + "\n");
        return result;
    }

    /**
     * The baseline beside the run's starts: one start of the executable jar as {@code bin/workspace
     * run} makes it (no archive, default compilers), on the run's data after the counting, to
     * readiness; then stopped at once.
     */
    private Duration plainStart() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(workspaceArguments(dataDir, prefix));
        command.addAll(databaseArguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("workspace.out").toFile()));
        isolate(builder);
        long started = System.nanoTime();
        workspace = builder.start();
        long deadline = started + TimeUnit.MINUTES.toNanos(8);
        while (!ready() && workspace.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        workspace.destroy();
        workspace.waitFor(2, TimeUnit.MINUTES);
        return took;
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
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("audit", "verify",
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

    private List<String> describeAudit(List<String> ids) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); var statement = connection.prepareStatement(
                "SELECT * FROM audit_event WHERE id = ?")) {
            for (String id : ids.subList(0, Math.min(10, ids.size()))) {
                statement.setString(1, id);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        StringBuilder text = new StringBuilder();
                        for (int column = 1; column <= Math.min(8, row.getMetaData().getColumnCount()); column++) {
                            text.append(row.getMetaData().getColumnName(column)).append('=').append(row.getString(column)).append(' ');
                        }
                        rows.add(text.toString().strip());
                    }
                }
            }
        }
        return rows;
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
            // Elasticsearch refuses to delete by wildcard (action.destructive_requires_name): by name.
            String indices = http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_cat/indices/" + prefix
                    + "-*?h=index&expand_wildcards=all")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String index : indices.split("\\s+")) {
                if (index.startsWith(prefix + "-")) {
                    http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + index)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
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

package org.agencyworkspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.agencyworkspace.connector.FilePath;
import org.agencyworkspace.files.labels.FileUploads;
import org.agencyworkspace.files.labels.LabelRequest;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.local.EnrolmentCodes;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BenchmarkMachine;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.testsupport.Totp;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bin/workspace bench load [--users N]}: N people signed in on the embedded sign-in (password
 * and TOTP, enrolled through the real pages, a step-up done before the clock starts) work at once
 * against the embedded workspace over HTTP: list a folder, download a 密 PDF (watermarked for
 * them), download the same bytes unlabelled (the baseline: a plain authenticated download),
 * upload, label (raise to 密, or ask for a downgrade) and approve (managers decide their team's
 * downgrades). A ladder of {@code -Dbench.loadUsers} (10,50,200), {@code -Dbench.loadSeconds}
 * (30) each, with think times of 0.2–1 s. Throughput and p95 per action, errors, heap and CPU of
 * the process, and the hottest frames sampled by JFR during the top rung. Writes the load
 * section of docs/benchmarks.md. The workspace runs in this JVM (accounts are created through
 * its {@code LocalAccounts}, as the tests do), so CPU and heap include the driver's share.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoadBenchmark {

    static final String NAME = "load";
    static final String PASSWORD = "Load-Benchmark-2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET_PDF = "/load/密-報告.pdf";
    static final String PLAIN_PDF = "/load/報告.pdf";
    static final int TEAM = 5;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
    }

    enum Action { LIST, WATERMARKED_DOWNLOAD, PLAIN_DOWNLOAD, UPLOAD, LABEL, APPROVE }

    @LocalServerPort
    int port;
    @Autowired
    LocalAccounts accounts;
    @Autowired
    EnrolmentCodes enrolmentCodes;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    FileUploads uploads;

    private final Random random = new Random(Long.getLong("bench.loadSeed", 22L));
    private final AtomicLong errorCount = new AtomicLong();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();

    /** One signed-in person. */
    private final class Person {
        final String login;
        final boolean manager;
        final BrowserSession browser = new BrowserSession("en");
        final List<String> own = new ArrayList<>();
        final List<String> secretOwn = new ArrayList<>();
        final Random choices;
        byte[] totp;
        long lastStep;
        String csrfHeader;
        String csrfToken;
        int uploads;

        Person(String login, boolean manager, long seed) {
            this.login = login;
            this.manager = manager;
            this.choices = new Random(seed);
        }
    }

    private record Sample(Action action, long nanos) {
    }

    private record Rung(int users, double seconds, Map<Action, List<Long>> latencies, long errors,
            double cpu, long heapPeakMb, double loadAverage) {
    }

    @Test
    void concurrentPeopleWorkingThroughTheLadder() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        byte[] pdf = pdf(10);
        WorkspaceUser owner = new WorkspaceUser("load-owner", "Load Owner", List.of("staff"),
                List.of("general-affairs"), "secret");
        uploads.store(FilePath.of(SECRET_PDF), new ByteArrayInputStream(pdf), new LabelRequest("secret",
                "load benchmark", null, null, "測試結束後解密", false, null, null), owner);
        uploads.store(FilePath.of(PLAIN_PDF), new ByteArrayInputStream(pdf), null, owner);
        String hash = passwords.encode(PASSWORD);
        int seconds = Integer.getInteger("bench.loadSeconds", 30);
        List<Integer> ladder = List.of(System.getProperty("bench.loadUsers", "10,50,200").split(",")).stream()
                .map(String::strip).map(Integer::valueOf).toList();

        List<Rung> rungs = new ArrayList<>();
        List<String> hottest = List.of();
        int created = 0;
        for (int r = 0; r < ladder.size(); r++) {
            int users = ladder.get(r);
            List<Person> people = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String login = "load-" + (created + i);
                boolean manager = i % TEAM == 0;
                accounts.create(new LocalAccount(login, "Load " + i, "負載" + i, login + "@agency.test", hash, null,
                        null, "secret", manager ? List.of("staff", "manager") : List.of("staff"),
                        List.of("general-affairs"), true, 0, null));
                people.add(new Person(login, manager, random.nextLong()));
            }
            created += users;
            signInAll(people);
            boolean top = r == ladder.size() - 1;
            Path jfr = dataDir.resolve("load-" + users + ".jfr");
            Recording recording = null;
            if (top) {
                recording = new Recording();
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(20));
                recording.start();
            }
            rungs.add(rung(people, Duration.ofSeconds(seconds)));
            if (recording != null) {
                recording.stop();
                recording.dump(jfr);
                recording.close();
                hottest = hottestFrames(jfr);
            }
        }
        String section = section(rungs, hottest, load, pdf.length, seconds);
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection(NAME, section);
        assertThat(errorCount.get()).as("errors: %s", firstErrors).isZero();
    }

    // ---- signing in ----------------------------------------------------------------------------

    private void signInAll(List<Person> people) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Person person : people) {
                done.add(pool.submit(() -> {
                    signIn(person);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Password, TOTP enrolment with a fresh enrolment code, then the step-up 密 downloads ask for. */
    private void signIn(Person person) {
        String enrolment = enrolmentCodes.issue(person.login).orElseThrow().code();
        Page form = person.browser.get(uri("/login"));
        Page next = person.browser.submit(form, "#login-form", Map.of("username", person.login, "password", PASSWORD));
        if (!next.uri().getPath().equals("/login/totp/enrol")) {
            throw new AssertionError(person.login + ": expected the enrolment page, got " + next.uri());
        }
        person.totp = Totp.decodeBase32(next.html().selectFirst("#totp-secret").attr("data-secret"));
        person.browser.submit(next, "#enrol-form", Map.of("code", code(person), "enrolmentCode", enrolment));
        Page files = person.browser.get(uri("/files"));
        person.csrfHeader = files.html().selectFirst("meta[name=csrf-header]").attr("content");
        person.csrfToken = files.html().selectFirst("meta[name=csrf-token]").attr("content");
        stepUp(person);
        HttpResponse<byte[]> marked = person.browser.download(content(SECRET_PDF));
        if (marked.statusCode() != 200) {
            throw new AssertionError(person.login + ": the 密 download after the step-up answered " + marked.statusCode());
        }
    }

    private void stepUp(Person person) {
        Page askForCode = person.browser.get(content(SECRET_PDF));
        if (askForCode.uri().getPath().equals("/step-up/totp")) {
            person.browser.submitNoFollow(askForCode, "#step-up-form", Map.of("code", code(person)));
        }
    }

    /** A code not used before by this person: the current step, then the next (the workspace accepts both). */
    private static String code(Person person) {
        long step = Math.max(Totp.currentStep(), person.lastStep + 1);
        while (step > Totp.currentStep() + 1) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        }
        person.lastStep = step;
        return Totp.at(person.totp, step);
    }

    // ---- one rung of the ladder ------------------------------------------------------------------

    private Rung rung(List<Person> people, Duration length) throws Exception {
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long errorsBefore = errorCount.get();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        AtomicLong heapPeak = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(people.size() + 1);
        try {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                }
            });
            List<Future<?>> done = new ArrayList<>();
            for (Person person : people) {
                done.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200 + person.choices.nextInt(800)));
                        Action action = pick(person);
                        long before = System.nanoTime();
                        if (act(person, action)) {
                            samples.add(new Sample(action, System.nanoTime() - before));
                        }
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(length.toMinutes() + 5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9 / wall / Runtime.getRuntime().availableProcessors();
        Map<Action, List<Long>> latencies = new EnumMap<>(Action.class);
        synchronized (samples) {
            for (Sample sample : samples) {
                latencies.computeIfAbsent(sample.action(), key -> new ArrayList<>()).add(sample.nanos());
            }
        }
        return new Rung(people.size(), wall, latencies, errorCount.get() - errorsBefore, cpu,
                heapPeak.get() / (1024 * 1024), os.getSystemLoadAverage());
    }

    /** The mix: mostly reading, some writing; managers also decide. */
    private static Action pick(Person person) {
        int roll = person.choices.nextInt(100);
        if (roll < 35) {
            return Action.LIST;
        }
        if (roll < 55) {
            return Action.WATERMARKED_DOWNLOAD;
        }
        if (roll < 75) {
            return Action.PLAIN_DOWNLOAD;
        }
        if (roll < 87) {
            return Action.UPLOAD;
        }
        if (roll < 95 || !person.manager) {
            return person.own.isEmpty() ? Action.UPLOAD : Action.LABEL;
        }
        return Action.APPROVE;
    }

    /** Does one action; true when it is to be counted (an approval with nothing to approve is not). */
    private boolean act(Person person, Action action) {
        try {
            return switch (action) {
                case LIST -> expect(person, action, send(person, "GET", "/api/files?path=" + encode("/load"), null), 200);
                case WATERMARKED_DOWNLOAD -> download(person, action, SECRET_PDF);
                case PLAIN_DOWNLOAD -> download(person, action, PLAIN_PDF);
                case UPLOAD -> upload(person);
                case LABEL -> label(person);
                case APPROVE -> approve(person);
            };
        } catch (RuntimeException | AssertionError e) {
            error(action, e.toString());
            return false;
        }
    }

    private boolean download(Person person, Action action, String path) {
        HttpResponse<byte[]> response = person.browser.download(content(path));
        if (response.statusCode() == 302 && response.headers().firstValue("Location").orElse("").contains("/step-up/totp")) {
            // The step-up has aged out (signing 200 people in takes minutes here): do it again,
            // as the person would, and leave this one out of the figures.
            stepUp(person);
            return false;
        }
        if (response.statusCode() != 200 || response.body().length < 1000) {
            error(action, response.statusCode() + " " + response.headers().firstValue("Location").orElse(""));
            return false;
        }
        return true;
    }

    private boolean upload(Person person) {
        String path = "/load/" + person.login + "/" + ++person.uploads + ".txt";
        byte[] text = ("負載測試 " + person.login + " " + person.uploads + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
        URI target = uri("/api/files/upload?path=" + encode(path));
        HttpResponse<String> response = person.browser.send(HttpRequest.newBuilder(target)
                .header(person.csrfHeader, person.csrfToken).header("Accept", "application/json")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(text)), target);
        if (expect(person, Action.UPLOAD, response, 200)) {
            person.own.add(path);
            return true;
        }
        return false;
    }

    /** Raises an own unmarked file to 密, or asks for an own 密 file to go back (a downgrade: approval). */
    private boolean label(Person person) throws RuntimeException {
        boolean downgrade = !person.secretOwn.isEmpty() && person.choices.nextBoolean();
        String path = downgrade ? person.secretOwn.remove(0) : person.own.remove(0);
        String body = downgrade
                ? "{\"level\":\"unmarked\",\"reason\":\"load: no longer secret\"}"
                : "{\"level\":\"secret\",\"reason\":\"load\",\"declassifyCondition\":\"測試結束後解密\"}";
        HttpResponse<String> response = send(person, "PUT", "/api/files/label?path=" + encode(path), body);
        if (!expect(person, Action.LABEL, response, 200)) {
            return false;
        }
        if (!downgrade) {
            person.secretOwn.add(path);
        }
        return true;
    }

    /** A manager decides the downgrades its own team asked for (so no two managers race for one). */
    private boolean approve(Person person) {
        HttpResponse<String> pending = send(person, "GET", "/api/files/label-changes", null);
        if (!expect(person, Action.APPROVE, pending, 200)) {
            return false;
        }
        int team = Integer.parseInt(person.login.substring("load-".length())) / TEAM;
        try {
            for (JsonNode change : JSON.readTree(pending.body())) {
                String by = change.path("requestedBy").asText();
                if (!by.startsWith("load-") || by.equals(person.login)
                        || Integer.parseInt(by.substring("load-".length())) / TEAM != team) {
                    continue;
                }
                return expect(person, Action.APPROVE, send(person, "POST", "/api/files/label-changes/"
                        + change.get("id").asText() + "/approve", ""), 200);
            }
        } catch (IOException e) {
            error(Action.APPROVE, e.toString());
        }
        return false;
    }

    private HttpResponse<String> send(Person person, String method, String path, String json) {
        URI target = uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header(person.csrfHeader, person.csrfToken);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return person.browser.send(request, target);
    }

    private boolean expect(Person person, Action action, HttpResponse<String> response, int status) {
        if (response.statusCode() == status) {
            return true;
        }
        error(action, person.login + ": " + response.statusCode() + " " + response.body());
        return false;
    }

    private void error(Action action, String what) {
        errorCount.incrementAndGet();
        firstErrors.putIfAbsent(action.name(), what.length() > 300 ? what.substring(0, 300) : what);
    }

    // ---- report ------------------------------------------------------------------------------------

    /** The most sampled frames (top of stack) of the recording, workspace code first in mind. */
    private static List<String> hottestFrames(Path jfr) throws IOException {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        long total = 0;
        for (var event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            counts.merge(name(frames.get(0)), 1L, Long::sum);
            // The first frame of our own code under it, and the library call it made: a filter's
            // share is mostly the rest of the chain and the answer written after the controller.
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i).getMethod().getType().getName().startsWith("org.agencyworkspace")) {
                    counts.merge("workspace: " + name(frames.get(i))
                            + (i > 0 ? " → " + name(frames.get(i - 1)) : " (itself)"), 1L, Long::sum);
                    break;
                }
            }
        }
        long all = total;
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .map(entry -> "%s — %.1f %% of samples".formatted(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, all)))
                .toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String section(List<Rung> rungs, List<String> hottest, String load, int pdfBytes, int seconds) {
        StringBuilder table = new StringBuilder();
        for (Rung rung : rungs) {
            for (Action action : Action.values()) {
                List<Long> nanos = rung.latencies().getOrDefault(action, List.of()).stream().sorted().toList();
                table.append("| %d | %s | %,d | %.1f | %s | %s |\n".formatted(rung.users(), label(action), nanos.size(),
                        nanos.size() / rung.seconds(), millis(nanos, 0.5), millis(nanos, 0.95)));
            }
        }
        StringBuilder summary = new StringBuilder();
        for (Rung rung : rungs) {
            List<Long> marked = rung.latencies().getOrDefault(Action.WATERMARKED_DOWNLOAD, List.of()).stream().sorted().toList();
            List<Long> plain = rung.latencies().getOrDefault(Action.PLAIN_DOWNLOAD, List.of()).stream().sorted().toList();
            long requests = rung.latencies().values().stream().mapToLong(List::size).sum();
            summary.append("| %d | %.1f | %d | %.0f %% | %d MB | %.2f | %s | %s |\n".formatted(rung.users(),
                    requests / rung.seconds(), rung.errors(), rung.cpu() * 100, rung.heapPeakMb(), rung.loadAverage(),
                    ratio(marked, plain, 0.5), ratio(marked, plain, 0.95)));
        }
        return """
                ## Load: concurrent signed-in people

                Measured %s on %s by `bin/workspace bench load` (`LoadBenchmark`); load average at
                the start: %s (2 cores shared with other engineers: absolute figures are noisy, the
                ratio beside the plain download is the figure to compare).

                Embedded workspace (H2, local file store, watermark engine), in the benchmark's JVM;
                each person is a local account signed in through the real pages (password, TOTP
                enrolment, a step-up before the clock starts) with its own session, and loops with a
                think time of 0.2–1 s: list a folder (35 %%), download a 10-page 密 PDF (%,d bytes)
                watermarked for them (20 %%), download **the same bytes unlabelled** (20 %%, the
                baseline: a plain authenticated download through the same controller), upload a small
                text file (12 %%), label (raise an own file to 密, or ask for a downgrade, which waits
                for a manager; 8 %%), approve (managers, one in five, decide their team's downgrades;
                5 %%). %d s per rung.

                | people | requests/s | errors | CPU (of 2 cores, incl. driver) | heap peak | load avg | 密 / plain download p50 | 密 / plain p95 |
                |---|---|---|---|---|---|---|---|
                %s
                | people | action | count | per s | p50 ms | p95 ms |
                |---|---|---|---|---|---|
                %s
                Hottest frames in the top rung (JFR `jdk.ExecutionSample` every 20 ms, top of stack,
                and the first workspace frame under it with the call it was making):

                %s
                """.formatted(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                BenchmarkMachine.describe(), load, pdfBytes, seconds, summary, table,
                hottest.stream().map(line -> "- " + line).collect(Collectors.joining("\n")));
    }

    private static String label(Action action) {
        return switch (action) {
            case LIST -> "list folder";
            case WATERMARKED_DOWNLOAD -> "密 download (watermarked)";
            case PLAIN_DOWNLOAD -> "plain download (same bytes)";
            case UPLOAD -> "upload";
            case LABEL -> "label";
            case APPROVE -> "approve";
        };
    }

    private static String millis(List<Long> sorted, double quantile) {
        return sorted.isEmpty() ? "–" : "%.0f".formatted(quantile(sorted, quantile) / 1e6);
    }

    private static String ratio(List<Long> marked, List<Long> plain, double quantile) {
        return marked.isEmpty() || plain.isEmpty() ? "–"
                : "%.1f×".formatted((double) quantile(marked, quantile) / quantile(plain, quantile));
    }

    private static long quantile(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI content(String path) {
        return uri("/files/content?kind=download&path=" + encode(path));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] pdf(int pages) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    text.newLineAtOffset(72, 720);
                    for (int line = 0; line < 40; line++) {
                        text.showText("Procurement report, page " + (i + 1) + ", line " + (line + 1));
                        text.newLineAtOffset(0, -16);
                    }
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}

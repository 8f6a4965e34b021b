package org.agencyworkspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.agencyworkspace.it.PostgresTestSchema;
import org.agencyworkspace.security.local.EnrolmentCodes;
import org.agencyworkspace.security.local.LocalAccount;
import org.agencyworkspace.security.local.LocalAccounts;
import org.agencyworkspace.support.WorkspaceDataDir;
import org.agencyworkspace.testsupport.BrowserSession;
import org.agencyworkspace.testsupport.BrowserSession.Page;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.agencyworkspace.testsupport.Totp;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bin/workspace bench attendance}: {@code -Dbench.attendancePeople} (1,000) people, each
 * signed in with password and TOTP and stepped up for real, clock in over the API within
 * {@code -Dbench.attendanceSeconds} (60) at an even pace; beside each clock-in the same person
 * sends a bare authenticated request ({@code GET /api/me}) to the same server, so both are
 * measured under the same load. Every tenth person retries the clock-in with the same
 * idempotency key. Afterwards exactly one clock event, one {@code attendance.clocked-in} event
 * and one success audit record must exist per person. Embedded defaults (H2), or with
 * {@code -Dbench.attendanceDatabase=postgres} the stack's PostgreSQL in a schema of its own.
 * Writes the attendance (or attendance-postgres) section of docs/benchmarks.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttendanceBenchmark {

    private static final String PASSWORD = "Bench-Password-2026";
    private static final boolean POSTGRES = "postgres".equals(System.getProperty("bench.attendanceDatabase"));
    private static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        WorkspaceDataDir.register(registry, dataDir);
        registry.add("workspace.security.local.seed-demo-agency", () -> "false");
        // Signing 1,000 people in takes minutes on two cores; their step-ups must outlast it.
        registry.add("workspace.security.step-up.max-age", () -> "60m");
        registry.add("workspace.attendance.reminders.enabled", () -> "false");
        if (POSTGRES) {
            SCHEMA.register(registry);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DropSchemaAfterwards {
        @Bean
        SmartLifecycle dropBenchSchema() {
            return POSTGRES ? SCHEMA.dropWhenStopped() : new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    running = true;
                }

                @Override
                public void stop() {
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    LocalAccounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EnrolmentCodes enrolmentCodes;

    private record Person(String login, BrowserSession session, String csrfHeader, String csrfToken) {
    }

    @Test
    void thousandClockInsInAMinuteBesideABareAuthenticatedRequest() throws Exception {
        int people = Integer.getInteger("bench.attendancePeople", 1000);
        int seconds = Integer.getInteger("bench.attendanceSeconds", 60);
        String load = loadAverage();
        accounts.addDepartment(new LocalAccounts.Department("bench", "Bench", "測試"));
        String hash = passwords.encode(PASSWORD);
        for (int i = 0; i < people; i++) {
            accounts.create(new LocalAccount(login(i), "Bench " + i, "測試員" + i, null, hash, null, null,
                    "unmarked", List.of("staff"), List.of("bench"), true, 0, null));
        }
        List<Person> signedIn = Collections.synchronizedList(new ArrayList<>());
        long setupStart = System.nanoTime();
        Concurrently.forEach(IntStream.range(0, people).boxed().toList(), 4,
                i -> signedIn.add(signInAndStepUp(login(i))));
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);

        List<Duration> bare = Collections.synchronizedList(new ArrayList<>());
        List<Duration> clockIns = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        long pace = Duration.ofSeconds(seconds).toNanos() / people;
        long start = System.nanoTime();
        List<Integer> slots = IntStream.range(0, people).boxed().toList();
        Concurrently.forEach(slots, 64, i -> {
            LockSupport.parkNanos(start + i * pace - System.nanoTime());
            Person person = signedIn.get(i);
            // Alternate which goes first, so neither always meets a warmer server.
            if (i % 2 == 0) {
                bare.add(timed(() -> expect(get(person, "/api/me"), 200, unexpected)));
                clockIns.add(timed(() -> expect(clockIn(person, "k-" + i), 201, unexpected)));
            } else {
                clockIns.add(timed(() -> expect(clockIn(person, "k-" + i), 201, unexpected)));
                bare.add(timed(() -> expect(get(person, "/api/me"), 200, unexpected)));
            }
            if (i % 10 == 0) {
                expect(clockIn(person, "k-" + i), 200, unexpected);
            }
        });
        Duration run = Duration.ofNanos(System.nanoTime() - start);

        assertThat(unexpected).isEmpty();
        long clocks = count("SELECT COUNT(*) FROM attendance_clock WHERE login LIKE 'bench-%'");
        long events = count("SELECT COUNT(*) FROM domain_event WHERE event_type = 'attendance.clocked-in'");
        long distinctEvents = count("SELECT COUNT(DISTINCT actor) FROM domain_event "
                + "WHERE event_type = 'attendance.clocked-in'");
        long audited = count("SELECT COUNT(*) FROM audit_event WHERE action = 'attendance.clock-in' "
                + "AND outcome = 'success'");
        assertThat(clocks).isEqualTo(people);
        assertThat(events).isEqualTo(people);
        assertThat(distinctEvents).isEqualTo(people);
        assertThat(audited).isEqualTo(people);

        LatencySummary clock = LatencySummary.of(clockIns);
        LatencySummary baseline = LatencySummary.of(bare);
        String section = """
                ## Attendance: clock-in under a morning rush (%s)

                Measured %s on %s by `bin/workspace bench %s` (`AttendanceBenchmark`), %s; load
                average at the start: %s.

                %,d people, each signed in with password and TOTP and stepped up through the real pages
                (%.0f s for all, four at a time, not timed below), clock in over the API
                (`POST /api/attendance/clock-in`, work mode office, an idempotency key) at an even pace
                over %d s (took %.1f s). Beside each clock-in the same person sends a bare authenticated
                request (`GET /api/me`) to the same server, alternating which goes first. Every tenth
                person retries with the same key (answered 200 `repeated`, not timed).

                | request | p50 | p95 | max | mean |
                |---|---|---|---|---|
                | clock-in (rule check, insert, domain event, audit record, one transaction) | %d ms | %d ms | %d ms | %d ms |
                | bare authenticated `GET /api/me` | %d ms | %d ms | %d ms | %d ms |
                | **ratio of p95, clock-in / bare** | | **%.1f** | | |

                Afterwards: %,d clock events, %,d `attendance.clocked-in` events from %,d distinct people
                and %,d successful clock-in audit records — none lost, none doubled by the retries.
                """.formatted(POSTGRES ? "PostgreSQL" : "H2", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Machine.current().describe(), POSTGRES ? "attendance-postgres" : "attendance",
                POSTGRES ? "the stack's PostgreSQL (schema of its own, dropped afterwards), in-app outbox"
                        : "embedded defaults (H2 file database, in-app outbox)", load, people, setup.toMillis() / 1000.0, seconds,
                run.toMillis() / 1000.0,
                clock.p50().toMillis(), clock.p95().toMillis(), clock.max().toMillis(), clock.mean().toMillis(),
                baseline.p50().toMillis(), baseline.p95().toMillis(), baseline.max().toMillis(),
                baseline.mean().toMillis(), (double) clock.p95().toNanos() / Math.max(1, baseline.p95().toNanos()),
                clocks, events, distinctEvents, audited);
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection(POSTGRES ? "attendance-postgres" : "attendance", section);
    }

    private Person signInAndStepUp(String login) {
        BrowserSession session = new BrowserSession("en");
        Page form = session.get(uri("/login"));
        Page enrol = session.submit(form, "#login-form", Map.of("username", login, "password", PASSWORD));
        assertThat(enrol.uri().getPath()).isEqualTo("/login/totp/enrol");
        byte[] secret = Totp.decodeBase32(enrol.html().selectFirst("#totp-secret").attr("data-secret"));
        long step = Totp.currentStep();
        // The operator hands each person a one-time enrolment code; issued here as the seeder does.
        session.submit(enrol, "#enrol-form", Map.of("code", Totp.at(secret, step),
                "enrolmentCode", enrolmentCodes.issue(login).orElseThrow().code()));
        Page code = session.get(uri("/attendance/verify"));
        // The workspace accepts the current step and the next; the next was never used.
        Page attendance = session.submit(code, "#step-up-form", Map.of("code", Totp.at(secret, step + 1)));
        assertThat(attendance.uri().getPath()).isEqualTo("/attendance");
        Document html = attendance.html();
        return new Person(login, session, html.selectFirst("meta[name=csrf-header]").attr("content"),
                html.selectFirst("meta[name=csrf-token]").attr("content"));
    }

    private HttpResponse<String> clockIn(Person person, String key) {
        URI uri = uri("/api/attendance/clock-in");
        return person.session().send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Accept", "application/json").header(person.csrfHeader(), person.csrfToken())
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("{}")), uri);
    }

    private HttpResponse<String> get(Person person, String path) {
        URI uri = uri(path);
        return person.session().send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET(), uri);
    }

    private static void expect(HttpResponse<String> response, int status, List<String> unexpected) {
        if (response.statusCode() != status) {
            unexpected.add(response.uri() + " " + response.statusCode() + " " + response.body());
        }
    }

    private static Duration timed(Runnable action) {
        long from = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - from);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String login(int i) {
        return "bench-%04d".formatted(i);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

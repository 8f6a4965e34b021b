package org.agencyworkspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.agencyworkspace.it.CrashHarness;
import org.agencyworkspace.testsupport.BenchmarkMachine;
import org.agencyworkspace.testsupport.StackEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/workspace bench crash [--cycles N] [--database h2|postgres]}: the crash harness
 * ({@link CrashHarness}) with {@code -Dbench.crashCycles} (20) kill/restart cycles on each of
 * {@code -Dbench.crashDatabases} (h2,postgres), one after the other; {@code -Dbench.crashSeed}
 * replays a run. Writes the crash section of docs/benchmarks.md, and fails when anything was lost
 * or doubled (after writing the figures).
 */
class CrashBenchmark {

    static final String NAME = "crash";

    @TempDir
    Path work;

    @Test
    void killedAtRandomMomentsLosesAndDoublesNothing() throws Exception {
        int cycles = Integer.getInteger("bench.crashCycles", 20);
        long seed = Long.getLong("bench.crashSeed", System.nanoTime());
        String load = loadAverage();
        List<String> databases = Stream.of(System.getProperty("bench.crashDatabases", "h2,postgres").split(","))
                .map(String::strip).toList();
        // -Dbench.crashParallel=true runs the databases side by side (each its own process, port,
        // data folder, index prefix and users): half the wall time, slower starts each.
        boolean parallel = Boolean.getBoolean("bench.crashParallel");
        List<CrashHarness.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (parallel) {
            ExecutorService runs = Executors.newFixedThreadPool(databases.size());
            try {
                List<Future<CrashHarness.Result>> running = new ArrayList<>();
                for (String database : databases) {
                    running.add(runs.submit(() -> new CrashHarness(database, cycles, seed, work).run()));
                }
                // Each database's figures are written even when the other's run failed.
                for (int i = 0; i < running.size(); i++) {
                    try {
                        results.add(running.get(i).get());
                    } catch (ExecutionException e) {
                        failures.add(databases.get(i) + ": " + e.getCause());
                    }
                }
            } finally {
                runs.shutdownNow();
            }
        } else {
            for (String database : databases) {
                results.add(new CrashHarness(database, cycles, seed, work).run());
            }
        }
        StringBuilder rows = new StringBuilder();
        StringBuilder kills = new StringBuilder();
        for (CrashHarness.Result result : results) {
            for (CrashHarness.Count count : result.counts()) {
                rows.append("| %s | %s | %,d | %,d | %,d | %d | %d |\n".formatted(result.database(), count.what(),
                        count.attempted(), count.acknowledged(), count.found(), count.lost(), count.doubled()));
            }
            rows.append("| %s | `audit verify` | | | %s | | |\n".formatted(result.database(),
                    result.chainIntact() ? "intact" : "**broken**: " + result.chainReport()));
            rows.append("| %s | restarts with committed rows gone | %d | | | %d | |\n".formatted(result.database(),
                    result.cycles(), result.vanished()));
            rows.append("| %s | mails received again under the same Message-ID | | | %d | | |\n".formatted(
                    result.database(), result.mailsResent()));
            kills.append("| %s | %d | %s | %d | %.1f s | %.1f s | %.1f s (%.2fx) | %.1f min |\n".formatted(result.database(), result.cycles(),
                    result.killsByPhase().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(kill -> kill.getKey() + " " + kill.getValue()).collect(Collectors.joining(", ")),
                    result.leftoverPartials(), result.recovery(0.5).toMillis() / 1000.0,
                    result.recovery(0.95).toMillis() / 1000.0, result.plainRecovery().toMillis() / 1000.0,
                    result.recovery(0.5).toMillis() / (double) Math.max(1, result.plainRecovery().toMillis()),
                    result.elapsed().toSeconds() / 60.0));
        }
        String section = """
                ## Crash safety (SIGKILL mid-work)

                Measured %s on %s by `bin/workspace bench crash` (`CrashBenchmark`, the harness
                `CrashHarness`), seed %d (`-Dbench.crashSeed=%d` replays the kill moments); load
                average at the start: %s, at the end: %s (2 shared cores: start times are noisy);
                databases run %s.

                Each cycle starts the built jar (own data folder, free port, Keycloak and
                Elasticsearch of `deploy/local`, GreenMail in the harness), drives work while it runs
                — SCIM joiners, leavers and returners provisioned into Keycloak, notices dropped into
                the watched folder and mailed to all staff, uploads over the API, the audit events of
                all that shipped to Elasticsearch under the run's own index prefix — and kills it with
                SIGKILL 1 to 6 s into the work; one stop in five is a SIGTERM cut short by a SIGKILL
                0–2 s later (the kill lands in the drain or in H2's close). Clients send again what was
                not acknowledged, as real ones do. After each restart the harness checks that no
                account and no audit row committed before the kill is gone; after the last cycle the
                workspace catches up and is stopped, then every invariant is counted. The starts run
                the jar extracted once per run with a class-data archive recorded by one training
                start (`-XX:SharedArchiveFile`, `-XX:TieredStopAtLevel=1`).

                Attempted: requests sent, retries included (SCIM), or items made (notices, mails due,
                uploads); for audit events, the rows committed. Identity changes: found and lost count
                people (each as its last acknowledged change says), doubled counts people twice in
                Keycloak. Uploads doubled: a file the listing shows that is not a whole upload. Mails:
                one per notice and member of staff, under the Message-ID of the notice and person; a
                second Message-ID for the same notice would be a doubled notice. A mail the SMTP server
                accepted just before a kill, before the workspace recorded it as sent, is sent again
                after the restart under the same Message-ID (SMTP cannot ask the server what it took):
                shown on its own row, not counted as doubled; a store or client that keeps one mail
                per Message-ID shows it once.

                | database | invariant | attempted | acknowledged | found | lost | doubled |
                |---|---|---|---|---|---|---|
                %s
                What was under way at each kill (a kill counts once for each; sampled just before it):

                | database | cycles | kills during | partial uploads left hidden | recovery p50 | recovery p95 | plain jar start (p50 / it) | run |
                |---|---|---|---|---|---|---|---|
                %s
                %s
                Recovery: from the restart to readiness (`/actuator/health/readiness`). Plain jar start:
                the baseline, one start of the executable jar as `bin/workspace run` makes it (no
                archive, both compilers) on the run's data after the counting, in the same run; the
                ratio is the run's p50 over it. Lost: %d, doubled: %d.

                Found and fixed by the first runs: notices dropped into the watched folder were lost
                when the workspace was killed between picking them up and publishing them. The route's
                idempotent file consumer wrote each file's key to the database as it collected the
                files, before their work; after the restart the key said "done" and the file stayed in
                the folder unpublished (5 of 11 notices in a 2-cycle run). The key is now stored in the
                transaction that stores the message (`WorkspaceMessageKey` on `direct:workspace-notify`,
                `RouteServicesTest`), so a kill leaves both or neither.
                """.formatted(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                BenchmarkMachine.describe(), seed, seed, load, loadAverage(),
                parallel ? "side by side (`-Dbench.crashParallel=true`)" : "one after the other", rows, kills,
                failures.stream().map(failure -> "**Run failed** (no figures): " + failure + "\n").collect(Collectors.joining()),
                results.stream().mapToInt(CrashHarness.Result::lost).sum(),
                results.stream().mapToInt(CrashHarness.Result::doubled).sum());
        Path report = Path.of(System.getProperty("bench.report",
                StackEnvironment.repositoryRoot().resolve("docs/benchmarks.md").toString()));
        new BenchmarkReport(report).writeSection(NAME, section);
        assertThat(failures).as("runs that did not finish").isEmpty();
        for (CrashHarness.Result result : results) {
            assertThat(result.lost()).as(result.summary()).isZero();
            assertThat(result.doubled()).as(result.summary()).isZero();
            assertThat(result.chainIntact()).as(result.chainReport()).isTrue();
        }
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
